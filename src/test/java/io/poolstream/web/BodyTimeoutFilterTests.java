package io.poolstream.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body watchdog in virtual time: only time with outstanding demand counts as a stall.
 */
class BodyTimeoutFilterTests {

	private static final Duration STALL = Duration.ofSeconds(1);

	private final Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();


	@Test
	void timeWithoutDemandIsNotAStall() {
		StepVerifier.withVirtualTime(() -> guard(null), 0)
			.expectSubscription()
			.thenAwait(Duration.ofMinutes(10))
			.then(() -> this.body.tryEmitNext(chunk()))
			.thenRequest(1)
			.expectNextCount(1)
			.then(() -> this.body.tryEmitComplete())
			.verifyComplete();
	}

	@Test
	void requestedBytesThatDoNotArriveFail() {
		StepVerifier.withVirtualTime(() -> guard(null), 0)
			.expectSubscription()
			.thenAwait(Duration.ofMinutes(10))
			.thenRequest(1)
			.thenAwait(Duration.ofMillis(1500))
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.isInstanceOf(RequestTimeoutException.class)
				.hasMessageContaining("stalled"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void steadyChunksWithinStallTimeoutPass() {
		StepVerifier.withVirtualTime(() -> guard(null))
			.expectSubscription()
			.then(() -> this.body.tryEmitNext(chunk()))
			.thenAwait(Duration.ofMillis(700))
			.then(() -> this.body.tryEmitNext(chunk()))
			.thenAwait(Duration.ofMillis(700))
			.then(() -> this.body.tryEmitNext(chunk()))
			.then(() -> this.body.tryEmitComplete())
			.expectNextCount(3)
			.verifyComplete();
	}

	@Test
	void totalTimeoutEndsSteadyButSlowBody() {
		StepVerifier.withVirtualTime(() -> guard(Duration.ofSeconds(3)))
			.expectSubscription()
			.then(() -> this.body.tryEmitNext(chunk()))
			.expectNextCount(1)
			.thenAwait(Duration.ofMillis(900))
			.then(() -> this.body.tryEmitNext(chunk()))
			.expectNextCount(1)
			.thenAwait(Duration.ofMillis(900))
			.then(() -> this.body.tryEmitNext(chunk()))
			.expectNextCount(1)
			.thenAwait(Duration.ofMillis(900))
			.then(() -> this.body.tryEmitNext(chunk()))
			.expectNextCount(1)
			.thenAwait(Duration.ofMillis(900))
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.isInstanceOf(RequestTimeoutException.class)
				.hasMessageContaining("body-timeout"))
			.verify(Duration.ofSeconds(5));
	}


	private Flux<DataBuffer> guard(@Nullable Duration total) {
		return new BodyTimeoutFilter(STALL, Duration.ofHours(1), VirtualTimeScheduler.get()).guard(this.body.asFlux(),
				total);
	}

	private static DataBuffer chunk() {
		return DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { 1, 2, 3 });
	}

}
