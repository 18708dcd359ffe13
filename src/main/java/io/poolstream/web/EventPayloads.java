package io.poolstream.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.poolstream.hub.HubEvent;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.FrameResult;

/**
 * The JSON data of each server-sent event. Stream ids are validated to a safe alphabet and every
 * other client text is JSON-escaped, so no data can break out of its {@code data:} line.
 */
final class EventPayloads {

	private EventPayloads() {
	}


	static FramePayload frame(FrameResult result) {
		String base = "/api/v1/streams/" + result.stream() + "/frames/" + result.seq();
		String image = result.dataUrl();
		return new FramePayload(result.stream(), result.seq(), result.receivedAt(), result.completedAt(),
				millis(result.latencyNanos()), image(result.input()), image(result.output()), result.stages(),
				new Timings(millis(result.timings().decodeNanos()), millis(result.timings().poolNanos()),
						millis(result.timings().encodeNanos())),
				base, base + "/source", image, result.channels().stream()
					.map((stats) -> new Channel(stats.min(), stats.max(), Math.round(stats.mean() * 100) / 100.0))
					.toList());
	}

	static ErrorPayload error(FrameFailure failure) {
		return new ErrorPayload(failure.stream(), failure.seq(), Problems.TYPE_BASE + failure.kind().slug(),
				failure.kind().title(), FailureStatus.of(failure.kind()), failure.detail());
	}

	static GapPayload gap(HubEvent.Gap gap) {
		return new GapPayload(gap.stream(), gap.missed(), gap.from(), gap.to());
	}

	static LaggedPayload lagged(HubEvent.Lagged lagged) {
		return new LaggedPayload(lagged.stream(), lagged.dropped());
	}

	private static ImagePayload image(FrameResult.ImageInfo info) {
		return new ImagePayload(info.width(), info.height(), info.channels(),
				info.format().name().toUpperCase(Locale.ROOT), info.bytes());
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}


	record FramePayload(String stream, long seq, Instant receivedAt, Instant completedAt, double latencyMs,
			ImagePayload input, ImagePayload output, List<String> stages, Timings timings, String url,
			String sourceUrl, @Nullable String image, List<Channel> channels) {
	}

	record ImagePayload(int width, int height, int channels, String format, int bytes) {
	}

	record Timings(double decodeMs, double poolMs, double encodeMs) {
	}

	record Channel(int min, int max, double mean) {
	}

	record ErrorPayload(String stream, long seq, String type, String title, int status, String detail) {
	}

	record GapPayload(String stream, long missed, long from, long to) {
	}

	record LaggedPayload(String stream, long dropped) {
	}

}
