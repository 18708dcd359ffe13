package io.poolstream.pipeline;

import java.time.Instant;

/**
 * What became of one frame: a {@link FrameResult} or a {@link FrameFailure}.
 */
public sealed interface FrameOutcome permits FrameResult, FrameFailure {

	String stream();

	long seq();

	Instant receivedAt();

	/**
	 * Returns an estimate of the bytes this outcome holds, for retention limits.
	 */
	long retainedBytes();

}
