package io.poolstream.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.poolstream.pipeline.BoundedMailbox.OfferResult;
import io.poolstream.pipeline.BoundedMailbox.Overflow;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedMailboxTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);


	@Test
	void emitsOnlyWhatIsRequested() {
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(4, Overflow.REJECT, (item) -> { }, null);
		mailbox.offer(1);
		mailbox.offer(2);
		mailbox.offer(3);

		StepVerifier.create(mailbox.flux(), 0)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(1)
			.expectNext(1)
			.expectNoEvent(Duration.ofMillis(50))
			.then(() -> assertThat(mailbox.size()).isEqualTo(2))
			.thenRequest(2)
			.expectNext(2, 3)
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void dropOldestKeepsNewestItems() {
		List<Integer> evicted = new ArrayList<>();
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(2, Overflow.DROP_OLDEST, evicted::add, null);

		StepVerifier.create(mailbox.flux(), 0)
			.expectSubscription()
			.then(() -> {
				assertThat(mailbox.offer(1)).isEqualTo(OfferResult.ACCEPTED);
				assertThat(mailbox.offer(2)).isEqualTo(OfferResult.ACCEPTED);
				assertThat(mailbox.offer(3)).isEqualTo(OfferResult.ACCEPTED_EVICTING_OLDEST);
				assertThat(mailbox.offer(4)).isEqualTo(OfferResult.ACCEPTED_EVICTING_OLDEST);
			})
			.thenRequest(10)
			.expectNext(3, 4)
			.thenCancel()
			.verify(TIMEOUT);

		assertThat(evicted).containsExactly(1, 2);
	}

	@Test
	void rejectLeavesQueueUnchangedWhenFull() {
		List<Integer> evicted = new ArrayList<>();
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(2, Overflow.REJECT, evicted::add, null);

		mailbox.offer(1);
		mailbox.offer(2);
		OfferResult third = mailbox.offer(3);

		assertThat(third).isEqualTo(OfferResult.REJECTED);
		assertThat(evicted).isEmpty();
		StepVerifier.create(mailbox.flux(), 0)
			.thenRequest(5)
			.expectNext(1, 2)
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void dropNoticePrecedesNextItemAfterEvictions() {
		BoundedMailbox<String> mailbox = new BoundedMailbox<>(1, Overflow.DROP_OLDEST, (item) -> { },
				(count) -> "lagged " + count);

		StepVerifier.create(mailbox.flux(), 0)
			.expectSubscription()
			.then(() -> {
				mailbox.offer("a");
				mailbox.offer("b");
				mailbox.offer("c");
			})
			.thenRequest(1)
			.expectNext("lagged 2")
			.thenRequest(1)
			.expectNext("c")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void downstreamPrefetchHoldsOnlyWhatItRequested() {
		// An operator that prefetches takes its prefetch out of the mailbox at once, so frames it
		// keeps escape the drop policy. With a prefetch of 1 only the first item escapes, and the
		// mailbox keeps dropping the rest down to its capacity: a prefetch of 256 here would hold
		// every one of the 100 items.
		List<Integer> evicted = new ArrayList<>();
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(1, Overflow.DROP_OLDEST, evicted::add, null);
		Flux<Integer> prefetching = mailbox.flux().limitRate(1);

		StepVerifier.create(prefetching, 0)
			.expectSubscription()
			.then(() -> {
				for (int i = 1; i <= 100; i++) {
					mailbox.offer(i);
				}
			})
			.thenRequest(1)
			.expectNext(1)
			.thenRequest(1)
			.expectNext(100)
			.thenCancel()
			.verify(TIMEOUT);

		assertThat(evicted).hasSize(98);
	}

	@Test
	void completeEmitsQueuedItemsThenCompletes() {
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(4, Overflow.REJECT, (item) -> { }, null);
		mailbox.offer(1);
		mailbox.offer(2);
		mailbox.complete();

		OfferResult afterClose = mailbox.offer(3);

		assertThat(afterClose).isEqualTo(OfferResult.CLOSED);
		StepVerifier.create(mailbox.flux(), 1)
			.expectNext(1)
			.thenRequest(1)
			.expectNext(2)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void cancelDiscardsQueuedItems() {
		List<Integer> discarded = new ArrayList<>();
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(4, Overflow.REJECT, discarded::add, null);
		mailbox.offer(1);
		mailbox.offer(2);

		StepVerifier.create(mailbox.flux(), 0).thenCancel().verify(TIMEOUT);

		assertThat(discarded).containsExactly(1, 2);
		assertThat(mailbox.size()).isZero();
	}

	@Test
	void secondSubscriberIsRejected() {
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(4, Overflow.REJECT, (item) -> { }, null);
		mailbox.flux().subscribe();

		StepVerifier.create(mailbox.flux())
			.expectErrorMessage("a mailbox allows only one subscriber")
			.verify(TIMEOUT);
	}

	@Test
	void concurrentProducersLoseNothingBeyondCapacity() {
		BoundedMailbox<Integer> mailbox = new BoundedMailbox<>(10_000, Overflow.REJECT, (item) -> { }, null);
		List<Integer> received = new ArrayList<>();

		Flux.range(0, 4)
			.parallel(4)
			.runOn(Schedulers.parallel())
			.doOnNext((producer) -> {
				for (int i = 0; i < 1000; i++) {
					mailbox.offer(producer * 1000 + i);
				}
			})
			.sequential()
			.blockLast(TIMEOUT);
		mailbox.complete();
		mailbox.flux().doOnNext(received::add).blockLast(TIMEOUT);

		assertThat(received).hasSize(4000).doesNotHaveDuplicates();
	}

}
