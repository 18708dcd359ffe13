package io.poolstream.pipeline;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.poolstream.codec.ImageFormat;

/**
 * The pooled result of one frame.
 *
 * @param stream the stream id
 * @param seq the frame's sequence number
 * @param receivedAt when the frame arrived
 * @param completedAt when its result was encoded
 * @param latencyNanos time from arrival to encoded result
 * @param input the decoded input
 * @param output the pooled output
 * @param stages the stages in words
 * @param timings time spent per step
 * @param image the encoded result image
 * @param source the encoded input frame as received
 * @param channels per-channel statistics of the output
 * @param dataUrl the result image as a {@code data:} URL when the stream inlines images, made once
 * here rather than once per subscriber, else {@code null}
 */
public record FrameResult(String stream, long seq, Instant receivedAt, Instant completedAt, long latencyNanos,
		ImageInfo input, ImageInfo output, List<String> stages, StepTimings timings, byte[] image, byte[] source,
		List<ChannelStats> channels, @Nullable String dataUrl) implements FrameOutcome {

	@Override
	public long retainedBytes() {
		return 512L + this.image.length + this.source.length + ((this.dataUrl != null) ? this.dataUrl.length() : 0);
	}

	/**
	 * Size and encoding of an image.
	 *
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param channels samples per pixel
	 * @param format the encoding
	 * @param bytes encoded size in bytes
	 */
	public record ImageInfo(int width, int height, int channels, ImageFormat format, int bytes) {
	}

	/**
	 * Time spent decoding, pooling and encoding one frame, in nanoseconds.
	 */
	public record StepTimings(long decodeNanos, long poolNanos, long encodeNanos) {
	}

	/**
	 * Minimum, maximum and mean of one channel's samples.
	 */
	public record ChannelStats(int min, int max, double mean) {
	}

}
