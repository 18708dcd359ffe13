package io.poolstream.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.poolstream.TestData;
import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.codec.ImageLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpressure policies, ordering and the shared budget, on a processing scheduler whose tasks run
 * only when the test runs them, so every queue state is exact.
 */
class StreamRegistryTests {

	private static final byte[] FRAME = TestData.bytes("formats/jpeg/chelsea_baseline_420.jpg");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);


	private final ManualExecutor executor = new ManualExecutor();

	private final List<FrameOutcome> outcomes = new CopyOnWriteArrayList<>();

	private IngressBudget budget;


	@BeforeEach
	void resetBudget() {
		this.budget = new IngressBudget(64, 64L << 20);
	}

	@Test
	void bufferQueuesUpToCapacityThenRejects() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 2);

		List<Admission> admissions = offer(registry, 4);

		// One frame is taken into processing at once, two wait, the fourth finds the queue full.
		assertThat(admissions).extracting(Admission::status).containsExactly(Admission.Status.ACCEPTED,
				Admission.Status.ACCEPTED, Admission.Status.ACCEPTED, Admission.Status.REJECTED);
		runAll();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L, 2L, 3L);
		assertThat(registry.find("cam").orElseThrow().stats().rejected()).isEqualTo(1);
	}

	@Test
	void latestKeepsOnlyNewestWaitingFrame() {
		StreamRegistry registry = registry(BackpressurePolicy.LATEST, 8);

		List<Admission> admissions = offer(registry, 5);

		assertThat(admissions).extracting(Admission::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
		runAll();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L, 5L);
		assertThat(registry.find("cam").orElseThrow().stats().dropped()).isEqualTo(3);
	}

	@Test
	void dropOldestKeepsNewestWithinCapacity() {
		StreamRegistry registry = registry(BackpressurePolicy.DROP_OLDEST, 2);

		offer(registry, 6);

		runAll();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L, 5L, 6L);
		assertThat(registry.find("cam").orElseThrow().stats().dropped()).isEqualTo(3);
	}

	@Test
	void blockWaitsForRoomInsteadOfRejecting() {
		StreamRegistry registry = registry(BackpressurePolicy.BLOCK, 1);
		offer(registry, 2);

		Mono<Admission> third = registry.offerWhenReady("cam", FRAME);

		StepVerifier.create(third)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.then(this::runAll)
			.assertNext((admission) -> assertThat(admission.seq()).isEqualTo(3))
			.verifyComplete();
		runAll();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L, 2L, 3L);
		assertThat(registry.find("cam").orElseThrow().stats().rejected()).isZero();
	}

	@Test
	void sharedBudgetRefusesFramesAcrossStreams() {
		this.budget = new IngressBudget(3, 64L << 20);
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);

		registry.offer("a", FRAME);
		registry.offer("b", FRAME);
		registry.offer("c", FRAME);
		Admission fourth = registry.offer("d", FRAME);

		assertThat(fourth.status()).isEqualTo(Admission.Status.SATURATED);
		runAll();
		assertThat(this.budget.frames()).isZero();
		assertThat(this.budget.bytes()).isZero();
		assertThat(registry.offer("d", FRAME).accepted()).isTrue();
	}

	@Test
	void budgetIsReturnedForDroppedAndDeletedFrames() {
		StreamRegistry registry = registry(BackpressurePolicy.DROP_OLDEST, 2);
		offer(registry, 6);

		registry.remove("cam");
		runAll();

		assertThat(this.budget.frames()).isZero();
		assertThat(this.budget.bytes()).isZero();
	}

	@Test
	void badFrameBecomesFailureAndStreamGoesOn() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);

		registry.offer("cam", TestData.bytes("hostile/rocket_truncated_60pct.jpg"));
		registry.offer("cam", FRAME);
		runAll();

		assertThat(this.outcomes).hasSize(2);
		assertThat(this.outcomes.get(0)).isInstanceOf(FrameFailure.class);
		assertThat(((FrameFailure) this.outcomes.get(0)).kind()).isEqualTo(FailureKind.CORRUPT_IMAGE);
		assertThat(this.outcomes.get(1)).isInstanceOf(FrameResult.class);
	}

	@Test
	void replacingSettingsKeepsSequenceNumbers() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);
		offer(registry, 2);
		runAll();

		registry.put("cam", settings(BackpressurePolicy.LATEST, 1));
		Admission next = registry.offer("cam", FRAME);

		assertThat(next.seq()).isEqualTo(3);
	}

	@Test
	void invalidIdIsRefusedBeforeCreation() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.offer("bad\nid", FRAME))
			.isInstanceOf(InvalidStreamIdException.class);
		assertThat(registry.list()).isEmpty();
	}

	@Test
	void streamsBeyondCapAreRejected() {
		StreamRegistry registry = registry(BackpressurePolicy.LATEST, 1);
		for (int i = 0; i < 16; i++) {
			registry.offer("cam-" + i, FRAME);
		}

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.offer("cam-16", FRAME))
			.isInstanceOf(TooManyStreamsException.class)
			.hasMessageContaining("16");
		assertThat(registry.list()).hasSize(16);
		runAll();
	}

	@Test
	void drainFinishesAcceptedFramesInOrder() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);
		offer(registry, 4);

		StepVerifier.create(registry.drain(Duration.ofSeconds(10)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.then(this::runAll)
			.expectNext(true)
			.verifyComplete();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.budget.frames()).isZero();
	}

	@Test
	void drainRefusesNewFramesWithoutCreatingStreams() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);
		offer(registry, 1);

		registry.drain(Duration.ofSeconds(10)).subscribe();

		assertThat(registry.draining()).isTrue();
		assertThat(registry.offer("cam", FRAME).status()).isEqualTo(Admission.Status.SHUTTING_DOWN);
		assertThat(registry.offerWhenReady("cam", FRAME).block(TIMEOUT).status())
			.isEqualTo(Admission.Status.SHUTTING_DOWN);
		assertThat(registry.offer("other", FRAME).status()).isEqualTo(Admission.Status.SHUTTING_DOWN);
		assertThat(registry.find("other")).isEmpty();
		assertThat(registry.find("cam").orElseThrow().stats().rejected()).isEqualTo(2);
		runAll();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L);
	}

	@Test
	void drainAnswersBlockedProducer() {
		StreamRegistry registry = registry(BackpressurePolicy.BLOCK, 1);
		offer(registry, 2);
		Mono<Admission> third = registry.offerWhenReady("cam", FRAME);

		StepVerifier.create(third)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.then(() -> registry.drain(Duration.ofSeconds(10)).subscribe())
			.assertNext((admission) -> assertThat(admission.status()).isEqualTo(Admission.Status.SHUTTING_DOWN))
			.verifyComplete();
		runAll();
		assertThat(this.outcomes).extracting(FrameOutcome::seq).containsExactly(1L, 2L);
	}

	@Test
	void drainGivesUpAtTimeout() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);
		offer(registry, 3);

		// The frames never run, because nothing runs the executor's tasks, so only the timeout ends the wait.
		StepVerifier.withVirtualTime(() -> registry.drain(Duration.ofSeconds(10)))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(9))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(false)
			.verifyComplete();
		assertThat(registry.framesHeld()).isEqualTo(3);

		registry.close();
		runAll();
		assertThat(registry.framesHeld()).isZero();
	}

	@Test
	void drainWithoutStreamsCompletesAtOnce() {
		StreamRegistry registry = registry(BackpressurePolicy.BUFFER, 8);

		StepVerifier.withVirtualTime(() -> registry.drain(Duration.ofSeconds(10)))
			.expectNext(true)
			.verifyComplete();
	}

	private StreamRegistry registry(BackpressurePolicy policy, int capacity) {
		FrameProcessor processor = new FrameProcessor(new ImageDecoder(new ImageLimits(64L << 20, 50_000_000)),
				new ImageEncoder(85), Schedulers.fromExecutor(this.executor), 1L << 40, 1, 1L << 40, Clock.systemUTC());
		return new StreamRegistry(processor, new RecordingListener(this.outcomes),
				new PipelineMetrics(new SimpleMeterRegistry()), settings(policy, capacity), this.budget, 16, 1,
				Clock.systemUTC());
	}

	private static StreamSettings settings(BackpressurePolicy policy, int capacity) {
		return new StreamSettings(StageSyntax.parse("max:2"), ImageFormat.PNG, false, policy, capacity, 16);
	}

	private static List<Admission> offer(StreamRegistry registry, int count) {
		List<Admission> admissions = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			admissions.add(registry.offer("cam", FRAME));
		}
		return admissions;
	}

	private void runAll() {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.executor.runOne()) {
			assertThat(System.nanoTime()).as("tasks keep coming").isLessThan(deadline);
		}
	}


	private record RecordingListener(List<FrameOutcome> outcomes) implements OutcomeListener {

		@Override
		public void onOutcome(FrameOutcome outcome) {
			this.outcomes.add(outcome);
		}

		@Override
		public void onStreamConfigured(String stream, StreamSettings settings) {
		}

		@Override
		public void onStreamRemoved(String stream) {
		}

	}

}
