package io.poolstream.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.FailureKind;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

import static org.assertj.core.api.Assertions.assertThat;

class ResultHubTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);


	@Test
	void subscriberReceivesLiveOutcomesInOrder() {
		ResultHub hub = hubWithStream(8, 16);

		StepVerifier.create(hub.subscribe("cam", null), 0)
			.then(() -> publish(hub, 1, 2, 3))
			.thenRequest(3)
			.assertNext((event) -> assertSeq(event, 1))
			.assertNext((event) -> assertSeq(event, 2))
			.assertNext((event) -> assertSeq(event, 3))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void resumeReplaysThenGoesLive() {
		ResultHub hub = hubWithStream(8, 16);
		publish(hub, 1, 2, 3, 4);

		StepVerifier.create(hub.subscribe("cam", 2L), 0)
			.thenRequest(2)
			.assertNext((event) -> assertSeq(event, 3))
			.assertNext((event) -> assertSeq(event, 4))
			.then(() -> publish(hub, 5))
			.thenRequest(1)
			.assertNext((event) -> assertSeq(event, 5))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void resumeOlderThanRingStartsWithGap() {
		ResultHub hub = hubWithStream(3, 16);
		publish(hub, 1, 2, 3, 4, 5, 6);

		StepVerifier.create(hub.subscribe("cam", 1L), 0)
			.thenRequest(1)
			.assertNext((event) -> {
				HubEvent.Gap gap = (HubEvent.Gap) event;
				assertThat(gap.from()).isEqualTo(2);
				assertThat(gap.to()).isEqualTo(3);
				assertThat(gap.missed()).isEqualTo(2);
			})
			.thenRequest(3)
			.assertNext((event) -> assertSeq(event, 4))
			.assertNext((event) -> assertSeq(event, 5))
			.assertNext((event) -> assertSeq(event, 6))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void slowSubscriberLagsAlone() {
		ResultHub hub = hubWithStream(64, 2);

		StepVerifier.create(hub.subscribe("cam", null), 0)
			.then(() -> StepVerifier.create(hub.subscribe("cam", null))
				.then(() -> publish(hub, 1, 2, 3, 4, 5))
				.expectNextCount(5)
				.thenCancel()
				.verify(TIMEOUT))
			.thenRequest(1)
			.assertNext((event) -> assertThat(((HubEvent.Lagged) event).dropped()).isEqualTo(3))
			.thenRequest(2)
			.assertNext((event) -> assertSeq(event, 4))
			.assertNext((event) -> assertSeq(event, 5))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void cancelledSubscriberIsRemovedAtOnce() {
		ResultHub hub = hubWithStream(8, 16);

		StepVerifier.create(hub.subscribe("cam", null), 0)
			.then(() -> assertThat(hub.subscriberCount("cam")).isEqualTo(1))
			.thenCancel()
			.verify(TIMEOUT);

		assertThat(hub.subscriberCount("cam")).isZero();
	}

	@Test
	void subscriberBeforeStreamExistsReceivesItsFirstOutcome() {
		ResultHub hub = new ResultHub(8, 1 << 20, 16, 4);

		StepVerifier.create(hub.subscribe("later", null), 0)
			.then(() -> {
				hub.onStreamConfigured("later", settings(8));
				hub.onOutcome(failure("later", 1));
			})
			.thenRequest(1)
			.assertNext((event) -> assertSeq(event, 1))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void removingStreamCompletesSubscribers() {
		ResultHub hub = hubWithStream(8, 16);

		StepVerifier.create(hub.subscribe("cam", null), 0)
			.then(() -> hub.onStreamRemoved("cam"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void channelsBeyondCapAreRefused() {
		ResultHub hub = new ResultHub(8, 1 << 20, 16, 1);
		hub.subscribe("first", null).subscribe();

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.subscribe("second", null))
			.isInstanceOf(TooManySubscribedStreamsException.class)
			.hasMessageContaining("limit of 1 streams");
	}

	@Test
	void ringKeepsNewestResults() {
		ResultHub hub = hubWithStream(2, 16);

		publish(hub, 1, 2, 3);

		assertThat(hub.find("cam", 1)).isEmpty();
		assertThat(hub.find("cam", 2)).isPresent();
		assertThat(hub.newest("cam")).map(FrameOutcome::seq).contains(3L);
	}

	@Test
	void repeatedSequenceNumbersAreDroppedOnce() {
		ResultHub hub = hubWithStream(8, 16);

		StepVerifier.create(hub.subscribe("cam", null), 0)
			.then(() -> publish(hub, 1, 2, 3, 2, 3, 4, 1, 5))
			.thenRequest(5)
			.assertNext((event) -> assertSeq(event, 1))
			.assertNext((event) -> assertSeq(event, 2))
			.assertNext((event) -> assertSeq(event, 3))
			.assertNext((event) -> assertSeq(event, 4))
			.assertNext((event) -> assertSeq(event, 5))
			.thenCancel()
			.verify(TIMEOUT);

		assertThat(hub.duplicates("cam")).isEqualTo(3);
		assertThat(hub.find("cam", 3)).map(FrameOutcome::seq).contains(3L);
	}

	@Test
	void resumeAfterRepeatsReplaysEachNumberOnce() {
		ResultHub hub = hubWithStream(8, 16);
		publish(hub, 10, 20, 20, 30, 10);

		StepVerifier.create(hub.subscribe("cam", 10L), 0)
			.thenRequest(2)
			.assertNext((event) -> assertSeq(event, 20))
			.assertNext((event) -> assertSeq(event, 30))
			.thenCancel()
			.verify(TIMEOUT);
	}

	private static ResultHub hubWithStream(int retention, int subscriberBuffer) {
		ResultHub hub = new ResultHub(retention, 1 << 20, subscriberBuffer, 16);
		hub.onStreamConfigured("cam", settings(retention));
		return hub;
	}

	private static StreamSettings settings(int retention) {
		return new StreamSettings(List.of(PoolSpec.of(PoolMode.MAX, 2)), ImageFormat.JPEG, false,
				BackpressurePolicy.BUFFER, 4, retention);
	}

	private static void publish(ResultHub hub, long... seqs) {
		for (long seq : seqs) {
			hub.onOutcome(failure("cam", seq));
		}
	}

	private static FrameFailure failure(String stream, long seq) {
		return new FrameFailure(stream, seq, Instant.EPOCH, Instant.EPOCH, FailureKind.CORRUPT_IMAGE, "frame " + seq);
	}

	private static void assertSeq(HubEvent event, long seq) {
		assertThat(event).isInstanceOf(HubEvent.Outcome.class);
		assertThat(((HubEvent.Outcome) event).outcome().seq()).isEqualTo(seq);
	}

}
