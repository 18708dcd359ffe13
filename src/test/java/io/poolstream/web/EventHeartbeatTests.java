package io.poolstream.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat timer of an event stream, on virtual time with explicit demand.
 */
class EventHeartbeatTests {

	private static final Duration INTERVAL = Duration.ofSeconds(15);

	@Test
	void heartbeatsWithoutDemandAreDroppedInsteadOfFailingTheStream() {
		StepVerifier.withVirtualTime(() -> EventController.heartbeats(INTERVAL, Mono.never()), 0)
			.expectSubscription()
			.thenRequest(1)
			.thenAwait(INTERVAL)
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("heartbeat"))
			// A subscriber that stops reading: thirty ticks pass with no demand.
			.thenAwait(INTERVAL.multipliedBy(30))
			.thenRequest(1)
			.thenAwait(INTERVAL)
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("heartbeat"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

}
