package io.poolstream.pipeline;

import java.time.Instant;

/**
 * One encoded frame accepted into a stream.
 *
 * @param stream the stream id
 * @param seq the frame's sequence number in its stream, increasing from 1
 * @param receivedAt the wall-clock time of arrival, for display
 * @param receivedNanos the {@link System#nanoTime()} of arrival, for latency
 * @param data the encoded image, owned by the frame from now on
 */
public record Frame(String stream, long seq, Instant receivedAt, long receivedNanos, byte[] data) {

}
