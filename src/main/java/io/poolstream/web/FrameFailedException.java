package io.poolstream.web;

import io.poolstream.pipeline.FrameFailure;

/**
 * Thrown when a requested result is a frame that failed, carrying the failure.
 */
class FrameFailedException extends RuntimeException {

	private final FrameFailure failure;


	FrameFailedException(FrameFailure failure) {
		super("frame " + failure.seq() + " of stream '" + failure.stream() + "' failed: " + failure.detail());
		this.failure = failure;
	}


	FrameFailure failure() {
		return this.failure;
	}

}
