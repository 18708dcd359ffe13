package io.poolstream.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import io.poolstream.codec.DecodedImage;
import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.pipeline.FrameResult.ChannelStats;
import io.poolstream.pipeline.FrameResult.ImageInfo;
import io.poolstream.pipeline.FrameResult.StepTimings;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Raster;
import io.poolstream.pooling.RasterPooler;

/**
 * Decodes a frame, runs its pooling stages and encodes the result, all on the processing scheduler.
 *
 * <p>A stage whose estimated work is above {@code bandCost} sample reads is split into row bands
 * that run in parallel on the same scheduler. The returned {@code Mono} never signals an error
 * for a bad frame: every failure becomes a {@link FrameFailure}, so one bad frame cannot end its
 * stream. Cancelling the {@code Mono} stops the work between steps.
 */
public final class FrameProcessor {

	private static final Logger logger = LoggerFactory.getLogger(FrameProcessor.class);

	/** Limits repeats of one unexpected failure per stream, which could otherwise hit every frame. */
	private static final LogRateLimiter repeats = LogRateLimiter.perTenSeconds();


	private final ImageDecoder decoder;

	private final ImageEncoder encoder;

	private final Scheduler scheduler;

	private final long bandCost;

	private final int maxBands;

	private final long maxStageReads;

	private final Clock clock;


	/**
	 * Creates a processor.
	 * @param decoder decodes frames within the input limits
	 * @param encoder encodes results
	 * @param scheduler the bounded scheduler that runs all CPU work
	 * @param bandCost the estimated sample reads of one row band; a stage above it is split
	 * @param maxBands the most bands of one stage running at once, usually the scheduler's thread count
	 * @param maxStageReads the most estimated sample reads one stage may take, see {@link PoolingCost}
	 * @param clock the source of wall-clock timestamps
	 */
	public FrameProcessor(ImageDecoder decoder, ImageEncoder encoder, Scheduler scheduler, long bandCost,
			int maxBands, long maxStageReads, Clock clock) {
		this.decoder = Objects.requireNonNull(decoder, "decoder");
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.bandCost = Math.max(1, bandCost);
		this.maxBands = Math.max(1, maxBands);
		this.maxStageReads = maxStageReads;
		this.clock = Objects.requireNonNull(clock, "clock");
	}


	/**
	 * Processes one frame of a stream.
	 */
	public Mono<FrameOutcome> process(Frame frame, StreamSettings settings) {
		FrameWork work = new FrameWork(frame);
		return Mono.fromCallable(() -> decode(work))
			.subscribeOn(this.scheduler)
			.flatMap((decoded) -> runStages(work, decoded, settings.stages(), 0))
			.map((pooled) -> encode(work, pooled, settings))
			.onErrorResume((failure) -> Mono.just(fail(frame, failure)));
	}

	/**
	 * Pools one already decoded raster through the stages, splitting large stages into row bands.
	 */
	public Mono<Raster> pool(Raster input, List<PoolSpec> stages) {
		return Mono.just(input).flatMap((raster) -> runStages(null, raster, stages, 0));
	}

	private Raster decode(FrameWork work) {
		long start = System.nanoTime();
		DecodedImage decoded = this.decoder.decode(work.frame.data());
		work.decodeNanos = System.nanoTime() - start;
		work.inputFormat = decoded.format();
		return decoded.raster();
	}

	private Mono<Raster> runStages(@Nullable FrameWork work, Raster input, List<PoolSpec> stages, int index) {
		if (index == stages.size()) {
			return Mono.just(input);
		}
		if (index == 0 && work != null) {
			work.inputRaster = input;
		}
		return runStage(work, input, stages.get(index))
			.flatMap((output) -> runStages(work, output, stages, index + 1));
	}

	/**
	 * Runs one stage. A stage whose estimated work is above the band cost is cut into row bands of
	 * about that cost, and at most {@code maxBands} of them are queued at once: work of other
	 * streams then interleaves with a long stage in the scheduler's FIFO queue, and cancelling
	 * the frame stops the bands not yet started.
	 */
	private Mono<Raster> runStage(@Nullable FrameWork work, Raster input, PoolSpec spec) {
		RasterPooler pooler = RasterPooler.of(spec, input.width(), input.height(), input.channels());
		int rows = pooler.outputHeight();
		long cost = PoolingCost.estimate(spec, input.width(), input.height(), input.channels(), pooler.outputWidth(),
				rows);
		PoolingCost.check(spec, cost, this.maxStageReads);
		Raster output = pooler.allocateOutput();
		int bands = (int) Math.min(rows, (cost + this.bandCost - 1) / this.bandCost);
		long start = System.nanoTime();

		Mono<Void> pooled;
		if (bands <= 1) {
			pooled = Mono.fromRunnable(() -> pooler.poolRows(input, output, 0, rows));
		}
		else {
			// Each band writes a disjoint range of output rows, so the bands share nothing mutable.
			int bandCount = bands;
			pooled = Flux.range(0, bandCount)
				.flatMap((band) -> Mono.fromRunnable(() -> pooler.poolRows(input, output,
						(int) ((long) band * rows / bandCount), (int) ((long) (band + 1) * rows / bandCount)))
					.subscribeOn(this.scheduler), this.maxBands)
				.then();
		}
		return pooled.then(Mono.fromSupplier(() -> {
			if (work != null) {
				work.poolNanos += System.nanoTime() - start;
			}
			return output;
		}));
	}

	private FrameOutcome encode(FrameWork work, Raster pooled, StreamSettings settings) {
		long start = System.nanoTime();
		byte[] image = this.encoder.encode(pooled, settings.outputFormat());
		long end = System.nanoTime();
		Frame frame = work.frame;
		Raster input = work.inputRaster;

		ImageInfo inputInfo = new ImageInfo(input.width(), input.height(), input.channels(), work.inputFormat,
				frame.data().length);
		ImageInfo outputInfo = new ImageInfo(pooled.width(), pooled.height(), pooled.channels(),
				settings.outputFormat(), image.length);
		StepTimings timings = new StepTimings(work.decodeNanos, work.poolNanos, end - start);
		String dataUrl = settings.inline() ? "data:" + settings.outputFormat().mediaType() + ";base64,"
				+ Base64.getEncoder().encodeToString(image) : null;
		return new FrameResult(frame.stream(), frame.seq(), frame.receivedAt(), Instant.now(this.clock),
				end - frame.receivedNanos(), inputInfo, outputInfo, settings.describeStages(), timings, image,
				frame.data(), channelStats(pooled), dataUrl);
	}

	private FrameFailure fail(Frame frame, Throwable failure) {
		FailureKind kind = FailureKind.of(failure);
		String detail;
		if (kind == FailureKind.INTERNAL) {
			long suppressed = repeats.admit(frame.stream(), failure.getClass().getName());
			if (suppressed != LogRateLimiter.SUPPRESS) {
				logger.error("Stream {} frame {} failed unexpectedly{}", frame.stream(), frame.seq(),
						LogRateLimiter.describeSuppressed(suppressed), failure);
			}
			detail = "processing failed unexpectedly; the error was logged on the server";
		}
		else if (kind == FailureKind.SATURATED) {
			logger.debug("Stream {} frame {} rejected: processing queue full", frame.stream(), frame.seq());
			detail = "the server's processing queue is full; lower the frame rate or add instances";
		}
		else {
			logger.debug("Stream {} frame {} rejected: {}", frame.stream(), frame.seq(), failure.getMessage());
			detail = String.valueOf(failure.getMessage());
		}
		return new FrameFailure(frame.stream(), frame.seq(), frame.receivedAt(), Instant.now(this.clock), kind,
				detail);
	}

	/**
	 * Computes the minimum, maximum and mean of each channel.
	 */
	static List<ChannelStats> channelStats(Raster raster) {
		int channels = raster.channels();
		int[] min = new int[channels];
		int[] max = new int[channels];
		long[] sum = new long[channels];
		java.util.Arrays.fill(min, 255);
		byte[] samples = raster.samples();
		for (int i = 0; i < samples.length; i += channels) {
			for (int c = 0; c < channels; c++) {
				int value = samples[i + c] & 0xFF;
				min[c] = Math.min(min[c], value);
				max[c] = Math.max(max[c], value);
				sum[c] += value;
			}
		}
		long pixels = (long) raster.width() * raster.height();
		ChannelStats[] stats = new ChannelStats[channels];
		for (int c = 0; c < channels; c++) {
			stats[c] = new ChannelStats(min[c], max[c], (double) sum[c] / pixels);
		}
		return List.of(stats);
	}


	/**
	 * Per-frame state handed from step to step. Reactor's operators order the hand-offs between
	 * threads, so the fields need no locking.
	 */
	private static final class FrameWork {

		final Frame frame;

		long decodeNanos;

		long poolNanos;

		io.poolstream.codec.@Nullable ImageFormat inputFormat;

		@Nullable Raster inputRaster;

		FrameWork(Frame frame) {
			this.frame = frame;
		}

	}

}
