package io.poolstream.source;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import io.poolstream.TestData;
import io.poolstream.codec.MalformedBodyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopingClipSourceTests {

	private static final byte[] CLIP = TestData.bytes("video/car-detection_10s.mjpeg");


	@Test
	void splitsClipIntoItsFrames() {
		LoopingClipSource source = new LoopingClipSource("demo", CLIP, 12.5);

		assertThat(source.frameCount()).isEqualTo(125);
	}

	@Test
	void playsOneFramePerPeriodAndLoops() {
		LoopingClipSource source = new LoopingClipSource("demo", CLIP, 12.5);
		byte[][] first = new byte[1][];

		StepVerifier.withVirtualTime(() -> source.frames(VirtualTimeScheduler.get()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(79))
			.thenAwait(Duration.ofMillis(1))
			.consumeNextWith((frame) -> first[0] = frame)
			.thenAwait(Duration.ofMillis(80 * 124))
			.expectNextCount(124)
			.thenAwait(Duration.ofMillis(80))
			.consumeNextWith((frame) -> assertThat(frame).isSameAs(first[0]))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void dropsTicksWithoutDemandLikeACamera() {
		LoopingClipSource source = new LoopingClipSource("demo", CLIP, 12.5);

		StepVerifier.withVirtualTime(() -> source.frames(VirtualTimeScheduler.get()), 0)
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(2))
			.thenRequest(1)
			.expectNoEvent(Duration.ofMillis(79))
			.thenAwait(Duration.ofMillis(1))
			.expectNextCount(1)
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void rejectsEmptyClip() {
		assertThatThrownBy(() -> new LoopingClipSource("demo", new byte[0], 12.5))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("contains no JPEG frame");
	}

	@Test
	void rejectsClipThatIsNotJpeg() {
		assertThatThrownBy(() -> new LoopingClipSource("demo", "not a clip".getBytes(), 12.5))
			.isInstanceOf(MalformedBodyException.class)
			.hasMessageContaining("start-of-image");
	}

}
