package io.poolstream.web;

import io.poolstream.pipeline.FailureKind;

/**
 * The HTTP status that each kind of frame failure stands for, in problem details and error events.
 */
final class FailureStatus {

	private FailureStatus() {
	}


	static int of(FailureKind kind) {
		return switch (kind) {
			case EMPTY_IMAGE, MALFORMED_BODY, INVALID_PARAMETER -> 400;
			case IMAGE_TOO_LARGE -> 413;
			case UNSUPPORTED_FORMAT -> 415;
			case CORRUPT_IMAGE -> 422;
			case SATURATED -> 503;
			case INTERNAL -> 500;
		};
	}

}
