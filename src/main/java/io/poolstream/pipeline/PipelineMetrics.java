package io.poolstream.pipeline;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the pipeline.
 *
 * <p>Meters carry a {@code stream} tag, so their number grows with the streams; the registry caps
 * the number of streams, and meters of a deleted stream are removed.
 */
public final class PipelineMetrics {

	private final MeterRegistry registry;

	private final Timer decodeTimer;

	private final Timer poolTimer;

	private final Timer encodeTimer;


	public PipelineMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.decodeTimer = stepTimer("decode");
		this.poolTimer = stepTimer("pool");
		this.encodeTimer = stepTimer("encode");
	}


	void received(String stream) {
		Counter.builder("poolstream.frames.received")
			.description("Frames that arrived at ingress")
			.tag("stream", stream)
			.register(this.registry)
			.increment();
	}

	void dropped(String stream, BackpressurePolicy policy) {
		Counter.builder("poolstream.frames.dropped")
			.description("Waiting frames evicted by the stream's backpressure policy")
			.tags("stream", stream, "reason", policy.value())
			.register(this.registry)
			.increment();
	}

	void rejected(String stream, String reason) {
		Counter.builder("poolstream.frames.rejected")
			.description("Frames refused at ingress or by the processing queue")
			.tags("stream", stream, "reason", reason)
			.register(this.registry)
			.increment();
	}

	void outcome(FrameOutcome outcome) {
		if (outcome instanceof FrameResult result) {
			Counter.builder("poolstream.frames.processed")
				.description("Frames that produced a result")
				.tag("stream", result.stream())
				.register(this.registry)
				.increment();
			Timer.builder("poolstream.frame.latency")
				.description("Time from arrival to encoded result")
				.tag("stream", result.stream())
				.publishPercentileHistogram()
				.maximumExpectedValue(Duration.ofSeconds(10))
				.register(this.registry)
				.record(Duration.ofNanos(result.latencyNanos()));
			this.decodeTimer.record(Duration.ofNanos(result.timings().decodeNanos()));
			this.poolTimer.record(Duration.ofNanos(result.timings().poolNanos()));
			this.encodeTimer.record(Duration.ofNanos(result.timings().encodeNanos()));
		}
		else if (outcome instanceof FrameFailure failure) {
			Counter.builder("poolstream.frames.failed")
				.description("Frames that failed to decode or pool")
				.tags("stream", failure.stream(), "reason", failure.kind().slug())
				.register(this.registry)
				.increment();
		}
	}

	void queueDepth(String stream, Supplier<Number> depth) {
		replaceGauge("poolstream.stream.queue", "Frames waiting for processing", stream, depth);
	}

	void subscribers(String stream, Supplier<Number> count) {
		replaceGauge("poolstream.stream.subscribers", "Subscribers to the stream's results", stream, count);
	}

	private void replaceGauge(String name, String description, String stream, Supplier<Number> value) {
		// A replaced stream registers its gauges again, so the old stream's gauge must go first.
		Gauge existing = this.registry.find(name).tag("stream", stream).gauge();
		if (existing != null) {
			this.registry.remove(existing);
		}
		Gauge.builder(name, value)
			.description(description)
			.tag("stream", stream)
			.strongReference(true)
			.register(this.registry);
	}

	void removeStream(String stream) {
		this.registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("poolstream.")
					&& stream.equals(meter.getId().getTag("stream")))
			.forEach(this.registry::remove);
	}

	private Timer stepTimer(String step) {
		return Timer.builder("poolstream.frame.step")
			.description("Time spent in one processing step of a frame")
			.tag("step", step)
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(this.registry);
	}

}
