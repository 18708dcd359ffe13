package io.poolstream.pipeline;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A bounded queue between a producer that must never wait and one consumer that pulls on demand.
 *
 * <p>{@link #offer} never blocks. When the queue is full it either evicts the oldest item or rejects
 * the new one, as the {@link Overflow} policy says, and hands every evicted item to the discard
 * callback. {@link #flux()} emits queued items only as the subscriber requests them, so an
 * operator downstream with a large prefetch pulls items out of this queue rather than the queue
 * growing. Only one subscriber is allowed.
 *
 * <p>When a drop notice is configured, the first item emitted after one or more evictions is
 * preceded by a notice that carries the number of evicted items.
 *
 * @param <T> the item type
 */
public final class BoundedMailbox<T> {

	/**
	 * Policy of {@link #offer} when the queue is full.
	 */
	public enum Overflow {

		/** Evict the oldest queued item to make room. */
		DROP_OLDEST,

		/** Keep the queue as it is and reject the new item. */
		REJECT

	}

	/**
	 * Outcome of offering an item.
	 */
	public enum OfferResult {

		/** The item was queued and nothing was evicted. */
		ACCEPTED,

		/** The item was queued after the oldest one was evicted. */
		ACCEPTED_EVICTING_OLDEST,

		/** The queue was full and the item was not queued. */
		REJECTED,

		/** The mailbox was closed and the item was not queued. */
		CLOSED

	}


	private final int capacity;

	private final Overflow overflow;

	private final Consumer<T> onDiscard;

	private final @Nullable LongFunction<T> dropNotice;

	/** Guarded by itself. */
	private final ArrayDeque<T> queue;

	/** Guarded by {@link #queue}. Evictions since the last emitted drop notice. */
	private long evictedSinceNotice;

	private final AtomicInteger workInProgress = new AtomicInteger();

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private volatile @Nullable FluxSink<T> sink;

	private volatile boolean closed;

	private final Flux<T> flux;


	/**
	 * Creates a mailbox.
	 * @param capacity the number of items it holds, at least 1
	 * @param overflow what to do when it is full
	 * @param onDiscard receives each item evicted, rejected on close, or left queued at cancel
	 * @param dropNotice makes the notice emitted after evictions, or {@code null} for none
	 */
	public BoundedMailbox(int capacity, Overflow overflow, Consumer<T> onDiscard, @Nullable LongFunction<T> dropNotice) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
		}

		this.capacity = capacity;
		this.overflow = Objects.requireNonNull(overflow, "overflow");
		this.onDiscard = Objects.requireNonNull(onDiscard, "onDiscard");
		this.dropNotice = dropNotice;
		this.queue = new ArrayDeque<>(Math.min(capacity, 64));
		this.flux = Flux.create(this::attach, FluxSink.OverflowStrategy.ERROR);
	}


	/**
	 * Queues an item without blocking, applying the overflow policy when the mailbox is full.
	 */
	public OfferResult offer(T item) {
		Objects.requireNonNull(item, "item");
		T evicted = null;
		OfferResult result;
		synchronized (this.queue) {
			if (this.closed) {
				result = OfferResult.CLOSED;
			}
			else if (this.queue.size() < this.capacity) {
				this.queue.add(item);
				result = OfferResult.ACCEPTED;
			}
			else if (this.overflow == Overflow.DROP_OLDEST) {
				evicted = this.queue.poll();
				this.evictedSinceNotice++;
				this.queue.add(item);
				result = OfferResult.ACCEPTED_EVICTING_OLDEST;
			}
			else {
				result = OfferResult.REJECTED;
			}
		}

		if (evicted != null) {
			this.onDiscard.accept(evicted);
		}
		if (result == OfferResult.ACCEPTED || result == OfferResult.ACCEPTED_EVICTING_OLDEST) {
			drain();
		}
		return result;
	}

	/**
	 * Returns the number of items waiting.
	 */
	public int size() {
		synchronized (this.queue) {
			return this.queue.size();
		}
	}

	public int capacity() {
		return this.capacity;
	}

	/**
	 * Returns the flux of queued items. It completes after {@link #complete()} once the queue is
	 * empty, and it may be subscribed to once.
	 */
	public Flux<T> flux() {
		return this.flux;
	}

	/**
	 * Stops accepting items. Items already queued are still emitted, then the flux completes.
	 */
	public void complete() {
		synchronized (this.queue) {
			this.closed = true;
		}
		drain();
	}

	private void attach(FluxSink<T> newSink) {
		if (!this.subscribed.compareAndSet(false, true)) {
			newSink.error(new IllegalStateException("a mailbox allows only one subscriber"));
			return;
		}
		newSink.onRequest((ignored) -> drain());
		newSink.onDispose(this::discardAll);
		this.sink = newSink;
		drain();
	}

	private void drain() {
		if (this.workInProgress.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			FluxSink<T> current = this.sink;
			if (current != null) {
				emitWhileRequested(current);
			}
			missed = this.workInProgress.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void emitWhileRequested(FluxSink<T> current) {
		while (current.requestedFromDownstream() > 0 && !current.isCancelled()) {
			T next;
			boolean finished;
			synchronized (this.queue) {
				if (this.evictedSinceNotice > 0 && this.dropNotice != null && !this.queue.isEmpty()) {
					next = this.dropNotice.apply(this.evictedSinceNotice);
					this.evictedSinceNotice = 0;
				}
				else {
					next = this.queue.poll();
				}
				finished = (next == null && this.closed);
			}
			if (finished) {
				current.complete();
				return;
			}
			if (next == null) {
				return;
			}
			current.next(next);
		}
		boolean finished;
		synchronized (this.queue) {
			finished = this.closed && this.queue.isEmpty();
		}
		if (finished) {
			current.complete();
		}
	}

	private void discardAll() {
		ArrayDeque<T> left;
		synchronized (this.queue) {
			this.closed = true;
			left = new ArrayDeque<>(this.queue);
			this.queue.clear();
		}
		left.forEach(this.onDiscard);
	}

}
