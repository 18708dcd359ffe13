package io.poolstream.pipeline;

import java.time.Instant;

/**
 * A read-only description of a stream at one moment.
 *
 * @param id the stream id
 * @param settings its current settings
 * @param stats its counters
 * @param queued frames waiting for processing
 * @param createdAt when the stream was first created
 */
public record StreamView(String id, StreamSettings settings, StreamStats.Snapshot stats, int queued,
		Instant createdAt) {

}
