package io.poolstream.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs sample frames through the processor once at startup, so the JIT compiler has compiled the
 * decode, pool and encode path before real frames arrive.
 *
 * <p>A freshly started JVM interprets that path and then compiles it, which makes the first
 * seconds of a stream several times slower than the rest. The frames run on the processor's
 * bounded scheduler like real ones, under a stream id of their own, and their outcomes are
 * discarded, so they reach no stream, subscriber or metric.
 */
public final class WarmUp {

	/** Stream id of warm-up frames in log lines. */
	public static final String STREAM = "warm-up";


	private final FrameProcessor processor;

	private final List<byte[]> samples;

	private final Clock clock;


	/**
	 * Creates a warm-up.
	 * @param processor the processor to warm
	 * @param samples encoded frames, used in turn
	 * @param clock the source of the frames' timestamps
	 */
	public WarmUp(FrameProcessor processor, List<byte[]> samples, Clock clock) {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("warm-up needs at least one sample frame");
		}

		this.processor = Objects.requireNonNull(processor, "processor");
		this.samples = List.copyOf(samples);
		this.clock = Objects.requireNonNull(clock, "clock");
	}


	/**
	 * Processes {@code frames} frames, at most {@code concurrency} at once, with the given settings.
	 * A frame that fails is counted like any other, because a failure path warms too.
	 * @return the number of frames processed, once the last one has finished
	 */
	public Mono<Long> run(int frames, int concurrency, StreamSettings settings) {
		if (frames < 0 || concurrency < 1) {
			throw new IllegalArgumentException("frames must be at least 0 and concurrency at least 1, got " + frames
					+ " and " + concurrency);
		}

		return Flux.range(0, frames)
			.flatMap((index) -> this.processor.process(frame(index), settings), concurrency, 1)
			.count();
	}

	private Frame frame(int index) {
		byte[] data = this.samples.get(index % this.samples.size());
		return new Frame(STREAM, index + 1, Instant.now(this.clock), System.nanoTime(), data);
	}

}
