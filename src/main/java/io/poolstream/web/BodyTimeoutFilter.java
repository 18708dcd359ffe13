package io.poolstream.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Fails a request whose body trickles in, so that slow clients (slowloris) cannot hold
 * connections and buffers for long.
 *
 * <p>Two limits apply to each request body:
 * <ul>
 * <li>The stall timeout counts only while the server has requested body bytes that have not
 * arrived. Time in which the server reads nothing, because a {@code block} backpressure policy
 * paces a long upload, does not count, so a paced upload is never cut off by it.</li>
 * <li>The total timeout bounds the whole body of every request except a long frame upload (a
 * {@code POST} to {@code /api/v1/streams/{id}/frames} without an {@code image/*} type), which
 * is a live stream of unknown length. Such an upload is bounded only by the stall timeout.</li>
 * </ul>
 * A body that breaks either limit ends with a {@link RequestTimeoutException}, which the
 * exception handler maps to 408. The connection is then closed, because the rest of the body was
 * not read. The checks run on the given scheduler, never on the event loop.
 */
public final class BodyTimeoutFilter implements WebFilter, AutoCloseable {

	private final Duration stallTimeout;

	private final Duration totalTimeout;

	private final Scheduler timer;

	/** The bodies being read, which the sweep checks and drops once they end. */
	private final Queue<Watchdog> open = new ConcurrentLinkedQueue<>();

	private final Disposable sweep;


	/**
	 * Creates the filter and starts its periodic sweep, which checks every open body four times
	 * per stall timeout, so a stall is detected within 1.25 times the timeout.
	 * @param stallTimeout how long a requested body chunk may take to arrive
	 * @param totalTimeout how long a whole body other than a long frame upload may take
	 * @param timer the scheduler of the sweep
	 */
	public BodyTimeoutFilter(Duration stallTimeout, Duration totalTimeout, Scheduler timer) {
		this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
		this.totalTimeout = Objects.requireNonNull(totalTimeout, "totalTimeout");
		this.timer = Objects.requireNonNull(timer, "timer");
		long tick = Math.max(Duration.ofMillis(5).toNanos(), stallTimeout.toNanos() / 4);
		this.sweep = timer.schedulePeriodically(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
	}


	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Duration total = isLongUpload(request) ? null : this.totalTimeout;
		ServerHttpRequest guarded = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return guard(super.getBody(), total);
			}

		};
		return chain.filter(exchange.mutate().request(guarded).build());
	}

	private static boolean isLongUpload(ServerHttpRequest request) {
		MediaType contentType = request.getHeaders().getContentType();
		return HttpMethod.POST.equals(request.getMethod())
				&& request.getPath().pathWithinApplication().value().matches("/api/v1/streams/[^/]+/frames")
				&& (contentType == null || !"image".equals(contentType.getType()));
	}

	/**
	 * Applies the stall timeout, and the total timeout unless it is null, to one body.
	 */
	Flux<DataBuffer> guard(Flux<DataBuffer> body, @Nullable Duration total) {
		return Flux.from((Publisher<DataBuffer>) (subscriber) -> {
			Watchdog watchdog = new Watchdog(Operators.toCoreSubscriber(subscriber), this.stallTimeout, total, this.timer);
			this.open.add(watchdog);
			body.subscribe(watchdog);
		});
	}

	/**
	 * Stops the sweep. Bodies still open are no longer timed.
	 */
	@Override
	public void close() {
		this.sweep.dispose();
	}

	private void sweep() {
		this.open.removeIf(Watchdog::checkEnded);
	}


	/**
	 * Passes a body through, tracking its outstanding demand and the time since it last made
	 * progress, and fails it when either timeout passes.
	 *
	 * <p>Demand is requested on the subscriber's thread, buffers arrive on the event loop, and the
	 * checks run on the sweep's thread, so the fields are atomic. {@link #state} keeps a timeout
	 * from signalling the subscriber while a buffer is being delivered. Bodies are checked by one
	 * shared sweep instead of a timer task each, because scheduling or cancelling a task takes a
	 * lock in the JDK's scheduled executor, which must not happen on an event loop.
	 */
	private static final class Watchdog implements CoreSubscriber<DataBuffer>, Subscription {

		private static final int IDLE = 0;

		private static final int DELIVERING = 1;

		private static final int TERMINATED = 2;

		private final CoreSubscriber<? super DataBuffer> actual;

		private final Duration stallTimeout;

		private final @Nullable Duration totalTimeout;

		private final Scheduler timer;

		private final long deadline;

		private final AtomicInteger state = new AtomicInteger(IDLE);

		private final AtomicLong outstanding = new AtomicLong();

		/** Time at which the current wait for requested bytes began. */
		private final AtomicLong waitingSince = new AtomicLong();

		private volatile @Nullable Subscription upstream;

		Watchdog(CoreSubscriber<? super DataBuffer> actual, Duration stallTimeout, @Nullable Duration totalTimeout,
				Scheduler timer) {
			this.actual = actual;
			this.stallTimeout = stallTimeout;
			this.totalTimeout = totalTimeout;
			this.timer = timer;
			long now = now();
			this.deadline = (totalTimeout != null) ? now + totalTimeout.toNanos() : Long.MAX_VALUE;
			this.waitingSince.set(now);
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(DataBuffer buffer) {
			if (!this.state.compareAndSet(IDLE, DELIVERING)) {
				DataBufferUtils.release(buffer);
				return;
			}
			this.outstanding.updateAndGet((current) -> (current == Long.MAX_VALUE) ? current : Math.max(0, current - 1));
			this.waitingSince.set(now());
			this.actual.onNext(buffer);
			this.state.compareAndSet(DELIVERING, IDLE);
		}

		@Override
		public void onError(Throwable error) {
			if (this.state.getAndSet(TERMINATED) != TERMINATED) {
				this.actual.onError(error);
			}
		}

		@Override
		public void onComplete() {
			if (this.state.getAndSet(TERMINATED) != TERMINATED) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long count) {
			long before = this.outstanding.getAndUpdate((current) -> saturatedAdd(current, count));
			if (before == 0) {
				this.waitingSince.set(now());
			}
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.request(count);
			}
		}

		@Override
		public void cancel() {
			this.state.set(TERMINATED);
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		/**
		 * Fails the body if a timeout has passed.
		 * @return whether the body has ended, so the sweep can drop it
		 */
		boolean checkEnded() {
			if (this.state.get() == TERMINATED) {
				return true;
			}
			long now = now();
			boolean late = now - this.deadline >= 0;
			boolean stalled = this.outstanding.get() > 0
					&& now - this.waitingSince.get() >= this.stallTimeout.toNanos();
			if ((late || stalled) && this.state.compareAndSet(IDLE, TERMINATED)) {
				Subscription subscription = this.upstream;
				if (subscription != null) {
					subscription.cancel();
				}
				this.actual.onError(failure(late));
				return true;
			}
			return false;
		}

		private RequestTimeoutException failure(boolean late) {
			if (late && this.totalTimeout != null) {
				return new RequestTimeoutException("the request body did not arrive within "
						+ this.totalTimeout.toMillis() + " ms; send it faster or raise poolstream.limits.body-timeout");
			}
			return new RequestTimeoutException("the request body stalled: no bytes arrived for "
					+ this.stallTimeout.toMillis() + " ms while the server was reading; keep sending or raise "
					+ "poolstream.limits.body-stall-timeout");
		}

		private long now() {
			return this.timer.now(TimeUnit.NANOSECONDS);
		}

		private static long saturatedAdd(long current, long count) {
			long sum = current + count;
			return (sum < 0) ? Long.MAX_VALUE : sum;
		}

	}

}
