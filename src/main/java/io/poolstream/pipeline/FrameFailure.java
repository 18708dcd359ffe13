package io.poolstream.pipeline;

import java.time.Instant;

/**
 * A frame that could not be processed, with a message for the client.
 *
 * @param stream the stream id
 * @param seq the frame's sequence number
 * @param receivedAt when the frame arrived
 * @param failedAt when processing gave up
 * @param kind why it failed
 * @param detail what was wrong and how to fix it, safe to show to clients
 */
public record FrameFailure(String stream, long seq, Instant receivedAt, Instant failedAt, FailureKind kind,
		String detail) implements FrameOutcome {

	@Override
	public long retainedBytes() {
		return 256 + 2L * this.detail.length();
	}

}
