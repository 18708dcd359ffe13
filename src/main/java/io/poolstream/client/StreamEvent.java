package io.poolstream.client;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One event of a stream's result feed, as {@link PoolstreamClient#results} emits it.
 *
 * <p>{@link Result} and {@link Failure} carry the frame's sequence number, which is also the
 * server-sent event id. {@link Gap} and {@link Lagged} report results that this subscriber will
 * not see.
 */
public sealed interface StreamEvent permits StreamEvent.Result, StreamEvent.Failure, StreamEvent.Gap,
		StreamEvent.Lagged {

	/**
	 * Returns the stream id.
	 */
	String stream();


	/**
	 * A processed frame, sent as a {@code frame} event.
	 *
	 * @param stream the stream id
	 * @param seq the frame's sequence number in the stream, from 1
	 * @param receivedAt when the server received the frame
	 * @param completedAt when its result was ready
	 * @param latencyMs milliseconds from receipt to result
	 * @param input the received image
	 * @param output the pooled image
	 * @param stages the pooling stages, as the server describes them
	 * @param timings milliseconds spent decoding, pooling and encoding
	 * @param url the path of the result image, relative to the server's base URL
	 * @param sourceUrl the path of the frame as received
	 * @param image the result as a {@code data:} URL when the stream inlines images, else {@code null}
	 * @param channels sample statistics per channel of the result
	 */
	record Result(String stream, long seq, @Nullable Instant receivedAt, @Nullable Instant completedAt,
			double latencyMs, @Nullable Image input, @Nullable Image output, @Nullable List<String> stages,
			@Nullable Timings timings, @Nullable String url, @Nullable String sourceUrl, @Nullable String image,
			@Nullable List<Channel> channels) implements StreamEvent {
	}

	/**
	 * A frame that could not be processed, sent as an {@code error} event. The stream goes on.
	 *
	 * @param stream the stream id
	 * @param seq the frame's sequence number
	 * @param type the problem type URI, stable per kind of failure
	 * @param title the short name of that kind
	 * @param status the HTTP status the same failure would have in a response
	 * @param detail what went wrong with this frame
	 */
	record Failure(String stream, long seq, @Nullable String type, @Nullable String title, int status,
			@Nullable String detail) implements StreamEvent {
	}

	/**
	 * Results that were no longer retained when this subscriber resumed, sent as a {@code gap} event.
	 *
	 * @param stream the stream id
	 * @param missed how many results were skipped
	 * @param from the first skipped sequence number
	 * @param to the last skipped sequence number
	 */
	record Gap(String stream, long missed, long from, long to) implements StreamEvent {
	}

	/**
	 * Results dropped because this subscriber fell behind, sent as a {@code lagged} event.
	 *
	 * @param stream the stream id
	 * @param dropped how many events were dropped
	 */
	record Lagged(String stream, long dropped) implements StreamEvent {
	}

	/**
	 * The size and encoding of an image.
	 *
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param channels samples per pixel
	 * @param format the encoding, such as {@code JPEG}
	 * @param bytes the encoded size in bytes
	 */
	record Image(int width, int height, int channels, @Nullable String format, int bytes) {
	}

	/**
	 * Time spent on one frame, in milliseconds.
	 */
	record Timings(double decodeMs, double poolMs, double encodeMs) {
	}

	/**
	 * Sample statistics of one channel of a result.
	 */
	record Channel(int min, int max, double mean) {
	}

}
