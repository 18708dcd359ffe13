package io.poolstream.source;

import java.time.Duration;

/**
 * The limits and timing that every pull source shares.
 *
 * @param maxSources the most sources at once on this instance
 * @param maxFrameBytes the largest frame read from a source, in bytes; a poll response above it fails
 * @param minInterval the shortest interval a {@code poll} source may ask for
 * @param initialBackoff the wait before the first reconnect after a failure; it doubles with each
 * further failure in a row
 * @param maxBackoff the longest wait between reconnects
 * @param idleTimeout how long a connection may go without a frame, or a GET without a response,
 * before it counts as failed
 */
public record SourceSettings(int maxSources, int maxFrameBytes, Duration minInterval, Duration initialBackoff,
		Duration maxBackoff, Duration idleTimeout) {

}
