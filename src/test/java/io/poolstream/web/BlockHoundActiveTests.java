package io.poolstream.web;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the BlockHound set-up of the integration tests is live, so a clean run of them
 * means that nothing blocked on a non-blocking thread.
 */
class BlockHoundActiveTests {

	@BeforeAll
	static void installBlockHound() {
		ServerIntegrationTest.BlockHoundSupport.install();
	}

	@Test
	void sleepingOnParallelSchedulerIsReported() {
		Mono<Void> sleeping = Mono.<Void>fromRunnable(() -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).subscribeOn(Schedulers.parallel());

		StepVerifier.create(sleeping)
			.expectError(BlockingOperationError.class)
			.verify(Duration.ofSeconds(5));

		assertThat(ServerIntegrationTest.BlockHoundSupport.BLOCKING_CALLS).hasSize(1);
		ServerIntegrationTest.BlockHoundSupport.BLOCKING_CALLS.clear();
	}

}
