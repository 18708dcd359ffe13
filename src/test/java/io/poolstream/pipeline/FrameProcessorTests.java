package io.poolstream.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageLimits;
import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Raster;

import static org.assertj.core.api.Assertions.assertThat;

class FrameProcessorTests {

	private final ManualExecutor executor = new ManualExecutor();


	@Test
	void largeStageQueuesBoundedBands() {
		FrameProcessor processor = processor(100_000, 1L << 40);
		Raster input = Raster.allocate(640, 480, 3);

		StepVerifier.create(processor.pool(input, List.of(PoolSpec.of(PoolMode.MAX, 2))))
			.expectSubscription()
			.then(() -> assertThat(this.executor.pending()).as("bands queued at once").isEqualTo(2))
			.then(this::runAll)
			.assertNext((output) -> assertThat(output.width()).isEqualTo(320))
			.verifyComplete();
	}

	@Test
	void pooledBandsMatchOneBand() {
		Raster input = gradientRaster(97, 61, 3);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(3, 3).stride(2, 2).padding(1, 1).build();
		Raster[] outputs = new Raster[2];

		processor(1_000, 1L << 40).pool(input, List.of(spec)).subscribe((output) -> outputs[0] = output);
		runAll();
		processor(1L << 40, 1L << 40).pool(input, List.of(spec)).subscribe((output) -> outputs[1] = output);
		runAll();

		assertThat(outputs[0].samples()).isEqualTo(outputs[1].samples());
	}

	@Test
	void cancellingStopsBandsNotYetStarted() {
		FrameProcessor processor = processor(10_000, 1L << 40);
		Raster input = Raster.allocate(640, 480, 3);
		Disposable subscription = processor.pool(input, List.of(PoolSpec.of(PoolMode.MAX, 2))).subscribe();
		this.executor.runOne();

		subscription.dispose();
		int ran = 0;
		while (this.executor.runOne()) {
			ran++;
		}

		assertThat(ran).as("bands run after cancelling").isLessThanOrEqualTo(2);
	}

	@Test
	void stageAboveReadLimitIsRejectedBeforeWork() {
		FrameProcessor processor = processor(1L << 40, 1_000_000);
		Raster input = Raster.allocate(640, 480, 3);
		PoolSpec huge = PoolSpec.builder().mode(PoolMode.MAX).kernel(64, 64).stride(1, 1).build();

		StepVerifier.create(processor.pool(input, List.of(huge)))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(InvalidPoolSpecException.class);
				assertThat(((InvalidPoolSpecException) error).parameter()).isEqualTo("kernel");
				assertThat(error.getMessage()).contains("above the limit of 1000000", "max-stage-reads");
			})
			.verify(Duration.ofSeconds(5));
		assertThat(this.executor.pending()).isZero();
	}

	private FrameProcessor processor(long bandCost, long maxStageReads) {
		return new FrameProcessor(new ImageDecoder(new ImageLimits(64L << 20, 50_000_000)), new ImageEncoder(85),
				Schedulers.fromExecutor(this.executor), bandCost, 2, maxStageReads, Clock.systemUTC());
	}

	private void runAll() {
		while (this.executor.runOne()) {
			// Runs until the queue stays empty.
		}
	}

	private static Raster gradientRaster(int width, int height, int channels) {
		byte[] samples = new byte[width * height * channels];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (byte) ((i * 31) ^ (i >> 7));
		}
		return new Raster(width, height, channels, samples);
	}


	@Test
	void fullProcessingQueueFailsFrameAsSaturated() throws Exception {
		// One worker held by a task and a queue of one already taken: the frame's decode task is refused.
		java.util.concurrent.ThreadPoolExecutor bounded = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
				java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1));
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		try {
			bounded.execute(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			bounded.execute(() -> { });
			FrameProcessor processor = new FrameProcessor(new ImageDecoder(new ImageLimits(64L << 20, 50_000_000)),
					new ImageEncoder(85), Schedulers.fromExecutorService(bounded), 1L << 40, 1, 1L << 40,
					Clock.systemUTC());
			Frame frame = new Frame("cam", 1, java.time.Instant.now(), System.nanoTime(),
					io.poolstream.TestData.bytes("photos/rocket_640x427.jpg"));
			StreamSettings settings = new StreamSettings(StageSyntax.parse("max:2"),
					io.poolstream.codec.ImageFormat.PNG, false, BackpressurePolicy.BUFFER, 1, 1);

			StepVerifier.create(processor.process(frame, settings))
				.assertNext((outcome) -> {
					assertThat(outcome).isInstanceOf(FrameFailure.class);
					assertThat(((FrameFailure) outcome).kind()).isEqualTo(FailureKind.SATURATED);
				})
				.verifyComplete();
		}
		finally {
			release.countDown();
			bounded.shutdown();
		}
	}

}
