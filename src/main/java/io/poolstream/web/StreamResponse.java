package io.poolstream.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pipeline.StreamStats;
import io.poolstream.pipeline.StreamView;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.source.SourceView;

/**
 * A stream as the API describes it, with live statistics.
 */
record StreamResponse(String id, List<Map<String, Object>> pipeline, List<String> stages, Output output,
		Backpressure backpressure, int retention, Stats stats, Instant createdAt, @Nullable Source source) {

	static StreamResponse of(StreamView view, int subscribers, @Nullable SourceView source) {
		StreamSettings settings = view.settings();
		StreamStats.Snapshot snapshot = view.stats();
		Stats stats = new Stats(snapshot.received(), snapshot.processed(), snapshot.dropped(), snapshot.rejected(),
				snapshot.errors(), view.queued(), subscribers, snapshot.lastSeq(), round(snapshot.fpsIn()),
				round(snapshot.fpsOut()), round(snapshot.latencyMsP50()), round(snapshot.latencyMsP99()));
		return new StreamResponse(view.id(), settings.stages().stream().map(StreamResponse::describe).toList(),
				settings.describeStages(), new Output(settings.outputFormat().name().toLowerCase(java.util.Locale.ROOT), settings.inline()),
				new Backpressure(settings.policy().value(), settings.effectiveCapacity()), settings.retention(), stats,
				view.createdAt(), (source != null) ? Source.of(source) : null);
	}

	/**
	 * Writes a stage with every parameter spelt out, in the same form a request may use.
	 */
	static Map<String, Object> describe(PoolSpec spec) {
		Map<String, Object> op = new LinkedHashMap<>();
		op.put("mode", spec.mode().name().toLowerCase(java.util.Locale.ROOT));
		if (spec.adaptive()) {
			op.put("outputSize", List.of(spec.outputHeight(), spec.outputWidth()));
			return op;
		}
		op.put("kernel", List.of(spec.kernelHeight(), spec.kernelWidth()));
		op.put("stride", List.of(spec.strideHeight(), spec.strideWidth()));
		op.put("padding", List.of(spec.paddingHeight(), spec.paddingWidth()));
		op.put("dilation", List.of(spec.dilationHeight(), spec.dilationWidth()));
		op.put("ceilMode", spec.ceilMode());
		op.put("countIncludePad", spec.countIncludePad());
		if (spec.divisorOverride() != 0) {
			op.put("divisorOverride", spec.divisorOverride());
		}
		if (spec.p() != 0) {
			op.put("p", spec.p());
		}
		return op;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}


	record Output(String format, boolean inline) {
	}

	record Backpressure(String policy, int capacity) {
	}

	/**
	 * The stream's pull source; {@code frames} counts frames read from the URL.
	 */
	record Source(String url, String type, long intervalMs, String state, @Nullable String lastError, long frames) {

		static Source of(SourceView view) {
			return new Source(view.spec().url().toString(), view.spec().type().value(),
					view.spec().interval().toMillis(), view.state().value(), view.lastError(), view.frames());
		}

	}

	/**
	 * Live counters; see {@link StreamStats.Snapshot} for each one's meaning.
	 */
	record Stats(long received, long processed, long dropped, long rejected, long errors, int queued,
			int subscribers, long lastSeq, double fpsIn, double fpsOut, double latencyMsP50, double latencyMsP99) {
	}

}
