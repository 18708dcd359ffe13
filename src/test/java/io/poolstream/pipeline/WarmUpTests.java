package io.poolstream.pipeline;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.poolstream.TestData;
import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.codec.ImageLimits;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The warm-up, on a real processor with real sample frames.
 */
class WarmUpTests {

	private final ManualExecutor executor = new ManualExecutor();

	private final FrameProcessor processor = new FrameProcessor(new ImageDecoder(new ImageLimits(64L << 20, 50_000_000)),
			new ImageEncoder(85), Schedulers.fromExecutor(this.executor), 1L << 40, 1, 1L << 40, Clock.systemUTC());

	private final StreamSettings settings = new StreamSettings(StageSyntax.parse("max:2"), ImageFormat.JPEG, true,
			BackpressurePolicy.LATEST, 1, 1);


	@Test
	void warmUpProcessesEveryFrameOnScheduler() {
		WarmUp warmUp = new WarmUp(this.processor, List.of(TestData.bytes("photos/rocket_640x427.jpg"),
				TestData.bytes("hostile/rocket_truncated_60pct.jpg")), Clock.systemUTC());

		StepVerifier.create(warmUp.run(5, 2, this.settings))
			.expectSubscription()
			.then(this::runAll)
			.expectNext(5L)
			.verifyComplete();
	}

	@Test
	void warmUpOfZeroFramesCompletes() {
		WarmUp warmUp = new WarmUp(this.processor, List.of(TestData.bytes("photos/rocket_640x427.jpg")),
				Clock.systemUTC());

		StepVerifier.create(warmUp.run(0, 1, this.settings)).expectNext(0L).verifyComplete();
	}

	@Test
	void warmUpWithoutSamplesIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WarmUp(this.processor, List.of(), Clock.systemUTC()))
			.withMessageContaining("at least one sample frame");
	}

	private void runAll() {
		while (this.executor.runOne()) {
			// Each task may queue the next stage of its frame, which the loop then runs.
		}
	}

}
