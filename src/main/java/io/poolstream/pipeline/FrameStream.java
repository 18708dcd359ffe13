package io.poolstream.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

import io.poolstream.pipeline.BoundedMailbox.OfferResult;
import io.poolstream.pipeline.BoundedMailbox.Overflow;

/**
 * One stream's running pipeline: a bounded waiting queue feeding frames to the processor, with up
 * to {@code concurrency} frames in flight and outcomes delivered in sequence order.
 *
 * <p>Replacing a stream's settings disposes this object and creates another one that shares the
 * sequence counter and statistics, so sequence numbers keep increasing across replacements.
 */
final class FrameStream {

	private static final Logger logger = LoggerFactory.getLogger(FrameStream.class);

	/** Limits repeats of a failing listener, which would otherwise fail on every frame. */
	private static final LogRateLimiter repeats = LogRateLimiter.perTenSeconds();


	private final String id;

	private final StreamSettings settings;

	private final AtomicLong sequence;

	private final StreamStats stats;

	private final PipelineMetrics metrics;

	private final Clock clock;

	private final IngressBudget budget;

	private final BoundedMailbox<Frame> mailbox;

	/** Guarded by itself. Producers under the {@code block} policy waiting for room. */
	private final ArrayDeque<MonoSink<Boolean>> waiters = new ArrayDeque<>();

	private final Disposable processing;

	/** Completes when processing has ended, after a drain or a dispose. */
	private final Sinks.Empty<Void> finished = Sinks.empty();

	/** Set once, when shutdown starts: a frame offered after it is rejected as shutting down. */
	private volatile boolean draining;


	FrameStream(String id, StreamSettings settings, AtomicLong sequence, StreamStats stats, FrameProcessor processor,
			OutcomeListener listener, PipelineMetrics metrics, IngressBudget budget, int concurrency, Clock clock) {
		this.id = id;
		this.settings = settings;
		this.sequence = sequence;
		this.stats = stats;
		this.metrics = metrics;
		this.clock = clock;
		this.budget = budget;
		Overflow overflow = switch (settings.policy()) {
			case LATEST, DROP_OLDEST -> Overflow.DROP_OLDEST;
			case BUFFER, BLOCK, ERROR -> Overflow.REJECT;
		};
		this.mailbox = new BoundedMailbox<>(settings.effectiveCapacity(), overflow, this::onEvicted, null);

		this.processing = this.mailbox.flux()
			.doOnNext((frame) -> wakeOneWaiter())
			.flatMapSequential((frame) -> processor.process(frame, settings)
				.doFinally((signal) -> budget.release(frame.data().length)), concurrency, 1)
			.doFinally((signal) -> this.finished.tryEmitEmpty())
			.subscribe((outcome) -> deliver(listener, outcome),
					(failure) -> logger.error("Stream {} pipeline stopped", id, failure));
		metrics.queueDepth(id, this.mailbox::size);
		metrics.subscribers(id, () -> listener.subscriberCount(id));
	}


	StreamSettings settings() {
		return this.settings;
	}

	int queued() {
		return this.mailbox.size();
	}

	/**
	 * Offers a frame without waiting. Under the {@code block} policy a full queue rejects the frame
	 * here too; use {@link #offerWhenReady} to wait instead.
	 */
	Admission offer(byte[] data) {
		long receivedNanos = arrive();
		Admission admission = enqueue(data, receivedNanos);
		if (admission.status() == Admission.Status.REJECTED) {
			reject("queue-full");
		}
		return admission;
	}

	/**
	 * Offers a frame, waiting without holding a thread for room when the policy is {@code block}.
	 * Under any other policy this is {@link #offer}.
	 */
	Mono<Admission> offerWhenReady(byte[] data) {
		if (this.settings.policy() != BackpressurePolicy.BLOCK) {
			return Mono.fromSupplier(() -> offer(data));
		}
		return Mono.defer(() -> {
			long receivedNanos = arrive();
			return enqueueWhenReady(data, receivedNanos);
		});
	}

	private Mono<Admission> enqueueWhenReady(byte[] data, long receivedNanos) {
		Admission admission = enqueue(data, receivedNanos);
		if (admission.accepted() || admission.status() == Admission.Status.SATURATED
				|| admission.status() == Admission.Status.SHUTTING_DOWN) {
			return Mono.just(admission);
		}
		if (this.processing.isDisposed()) {
			reject("stream-closed");
			return Mono.just(admission);
		}
		return awaitRoom().flatMap((ignored) -> enqueueWhenReady(data, receivedNanos));
	}

	private long arrive() {
		this.stats.recordReceived();
		this.metrics.received(this.id);
		return System.nanoTime();
	}

	private void reject(String reason) {
		this.stats.recordRejected();
		this.metrics.rejected(this.id, reason);
	}

	private Admission enqueue(byte[] data, long receivedNanos) {
		if (this.draining) {
			return shuttingDown();
		}
		// Numbering and queueing happen under one lock: otherwise two producers could queue their
		// frames in the opposite order of their numbers.
		if (!this.budget.tryReserve(data.length)) {
			reject("saturated");
			return new Admission(this.id, 0, Admission.Status.SATURATED);
		}
		synchronized (this.mailbox) {
			long seq = this.sequence.get() + 1;
			Frame frame = new Frame(this.id, seq, Instant.now(this.clock), receivedNanos, data);
			OfferResult result = this.mailbox.offer(frame);
			if (result == OfferResult.ACCEPTED || result == OfferResult.ACCEPTED_EVICTING_OLDEST) {
				this.sequence.set(seq);
				Admission.Status status = (result == OfferResult.ACCEPTED) ? Admission.Status.ACCEPTED
						: Admission.Status.ACCEPTED_DROPPING_OLDEST;
				return new Admission(this.id, seq, status);
			}
		}
		this.budget.release(data.length);
		if (this.draining) {
			// The mailbox closed between the check above and the offer.
			return shuttingDown();
		}
		return new Admission(this.id, 0, Admission.Status.REJECTED);
	}

	/**
	 * Queues a frame whose sequence number the transport assigned, without evicting a waiting frame.
	 * The stream's counter moves up to {@code seq}, so numbers given here and by {@link #offer} never
	 * repeat.
	 * @return the admission, {@code REJECTED} when the queue is full and {@code SATURATED} when the
	 * server's cap on held frames is reached; neither is counted, because the caller retries later
	 */
	Admission offerNumbered(long seq, Instant receivedAt, byte[] data) {
		if (!this.budget.tryReserve(data.length)) {
			return new Admission(this.id, 0, Admission.Status.SATURATED);
		}
		synchronized (this.mailbox) {
			if (this.mailbox.size() < this.mailbox.capacity()) {
				Frame frame = new Frame(this.id, seq, receivedAt, System.nanoTime(), data);
				if (this.mailbox.offer(frame) == OfferResult.ACCEPTED) {
					this.sequence.accumulateAndGet(seq, Math::max);
					arrive();
					return new Admission(this.id, seq, Admission.Status.ACCEPTED);
				}
			}
		}
		this.budget.release(data.length);
		return new Admission(this.id, 0, Admission.Status.REJECTED);
	}

	/**
	 * Returns whether {@link #offerNumbered} would find room in this stream's queue now.
	 */
	boolean hasRoom() {
		return this.mailbox.size() < this.mailbox.capacity() && !this.processing.isDisposed();
	}

	/**
	 * Counts a frame that arrived after shutdown started and rejects it.
	 */
	Admission rejectAsShuttingDown() {
		arrive();
		return shuttingDown();
	}

	private Admission shuttingDown() {
		reject("shutting-down");
		return new Admission(this.id, 0, Admission.Status.SHUTTING_DOWN);
	}

	private Mono<Boolean> awaitRoom() {
		return Mono.create((sink) -> {
			synchronized (this.waiters) {
				this.waiters.add(sink);
			}
			sink.onDispose(() -> {
				synchronized (this.waiters) {
					this.waiters.remove(sink);
				}
			});
			// Room may have appeared between the caller's check and the registration above.
			if (this.mailbox.size() < this.mailbox.capacity() || this.processing.isDisposed()) {
				wakeOneWaiter();
			}
		});
	}

	private void wakeOneWaiter() {
		MonoSink<Boolean> waiter;
		synchronized (this.waiters) {
			waiter = this.waiters.poll();
		}
		if (waiter != null) {
			waiter.success(Boolean.TRUE);
		}
	}

	private void onEvicted(Frame frame) {
		this.budget.release(frame.data().length);
		this.stats.recordDropped();
		this.metrics.dropped(this.id, this.settings.policy());
	}

	private void deliver(OutcomeListener listener, FrameOutcome outcome) {
		this.stats.recordOutcome(outcome);
		this.metrics.outcome(outcome);
		try {
			listener.onOutcome(outcome);
		}
		catch (RuntimeException ex) {
			long suppressed = repeats.admit(this.id, ex.getClass().getName());
			if (suppressed != LogRateLimiter.SUPPRESS) {
				logger.error("Stream {} listener failed on frame {}{}", this.id, outcome.seq(),
						LogRateLimiter.describeSuppressed(suppressed), ex);
			}
		}
	}

	/**
	 * Stops taking frames but finishes the ones already accepted: waiting frames are still
	 * processed, and their outcomes delivered in order. Producers waiting for room under the
	 * {@code block} policy are rejected as shutting down.
	 * @return completes once the last accepted frame's outcome has been delivered, or at
	 * {@link #dispose()}, whichever comes first
	 */
	Mono<Void> drain() {
		this.draining = true;
		this.mailbox.complete();
		releaseWaiters();
		return this.finished.asMono();
	}

	/**
	 * Stops processing. Frames in flight are cancelled and waiting frames are discarded.
	 */
	void dispose() {
		this.mailbox.complete();
		this.processing.dispose();
		this.finished.tryEmitEmpty();
		releaseWaiters();
	}

	/**
	 * Wakes every producer waiting for room. Each one tries again and finds the mailbox closed, so
	 * it gets a result instead of waiting forever.
	 */
	private void releaseWaiters() {
		ArrayDeque<MonoSink<Boolean>> left;
		synchronized (this.waiters) {
			left = new ArrayDeque<>(this.waiters);
			this.waiters.clear();
		}
		left.forEach((waiter) -> waiter.success(Boolean.TRUE));
	}

}
