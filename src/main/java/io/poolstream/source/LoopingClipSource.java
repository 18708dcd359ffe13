package io.poolstream.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import io.poolstream.codec.ConcatenatedJpegSplitter;
import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.StreamRegistry;

/**
 * Plays the frames of a concatenated-JPEG clip into a stream in a loop, at a fixed frame rate.
 *
 * <p>Frames are offered without waiting, so the stream's backpressure policy decides what happens
 * when processing falls behind, exactly as for a live camera.
 */
public final class LoopingClipSource implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LoopingClipSource.class);


	private final String stream;

	private final List<byte[]> frames;

	private final Duration period;

	private volatile Disposable playback = Flux.never().subscribe();


	/**
	 * Splits the clip into frames.
	 * @param stream the stream to play into
	 * @param clip the clip's bytes: JPEG frames back to back
	 * @param fps frames per second
	 * @throws IllegalArgumentException if the clip contains no frame
	 */
	public LoopingClipSource(String stream, byte[] clip, double fps) {
		this.stream = Objects.requireNonNull(stream, "stream");
		if (clip.length == 0) {
			throw new IllegalArgumentException("the demo clip contains no JPEG frame: it is empty");
		}
		List<byte[]> split = new ArrayList<>();
		ConcatenatedJpegSplitter splitter = new ConcatenatedJpegSplitter(clip.length);
		splitter.feed(clip, 0, clip.length, split::add);
		splitter.finish(split::add);
		if (split.isEmpty()) {
			throw new IllegalArgumentException("the demo clip contains no JPEG frame");
		}
		if (fps <= 0) {
			throw new IllegalArgumentException("fps must be positive, got " + fps);
		}

		this.frames = List.copyOf(split);
		this.period = Duration.ofNanos(Math.round(1_000_000_000L / fps));
	}


	public int frameCount() {
		return this.frames.size();
	}

	/**
	 * Returns the clip's frames one per period, looping without end, timed by {@code timer}. A tick
	 * that finds no demand is dropped, as a camera would drop it.
	 */
	public Flux<byte[]> frames(Scheduler timer) {
		return Flux.interval(this.period, timer)
			.onBackpressureDrop()
			.map((tick) -> this.frames.get((int) (tick % this.frames.size())));
	}

	/**
	 * Starts playing into the registry on Reactor's timer. Offering a frame never blocks.
	 */
	public void start(StreamRegistry registry) {
		start((stream, frame) -> Mono.fromSupplier(() -> registry.offer(stream, frame)));
	}

	/**
	 * Starts playing into a sink on Reactor's timer. One offer is in flight at a time, and ticks
	 * that come while it is pending are dropped, as a camera would drop them. A failed offer is
	 * logged and playback goes on.
	 */
	public void start(FrameSink sink) {
		logger.info("Stream {} playing a clip of {} frames every {} ms", this.stream, this.frames.size(),
				this.period.toMillis());
		this.playback = frames(Schedulers.parallel())
			.concatMap((frame) -> sink.offer(this.stream, frame).onErrorResume((failure) -> {
				logger.debug("Stream {} could not take a clip frame: {}", this.stream, failure.getMessage());
				return Mono.empty();
			}), 1)
			.subscribe((admission) -> {
				if (!admission.accepted()) {
					logger.debug("Stream {} rejected a clip frame: {}", this.stream, admission.status());
				}
			}, (failure) -> logger.error("Stream {} clip playback stopped", this.stream, failure));
	}

	@Override
	public void close() {
		this.playback.dispose();
	}

}
