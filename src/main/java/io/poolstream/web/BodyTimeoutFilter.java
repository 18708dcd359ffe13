package io.poolstream.web;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
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
 * A body that breaks either limit ends with a {@link RequestTimeoutException}, which the exception
 * handler maps to 408. The connection is then closed, because the rest of the body was not read. The timers run
 * on the given scheduler, never on the event loop.
 */
public final class BodyTimeoutFilter implements WebFilter {

	private final Duration stallTimeout;

	private final Duration totalTimeout;

	private final Scheduler timer;


	/**
	 * Creates the filter.
	 * @param stallTimeout how long a requested body chunk may take to arrive
	 * @param totalTimeout how long a whole body other than a long frame upload may take
	 * @param timer the scheduler of the watchdog ticks
	 */
	public BodyTimeoutFilter(Duration stallTimeout, Duration totalTimeout, Scheduler timer) {
		this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
		this.totalTimeout = Objects.requireNonNull(totalTimeout, "totalTimeout");
		this.timer = Objects.requireNonNull(timer, "timer");
	}


	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Duration total = isLongUpload(request) ? null : this.totalTimeout;
		ServerHttpRequest guarded = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return guard(super.getBody(), BodyTimeoutFilter.this.stallTimeout, total, BodyTimeoutFilter.this.timer);
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
	 * Applies the stall and total timeouts to one body. The watchdog polls four times per stall
	 * timeout, so a stall is detected within 1.25 times the timeout.
	 */
	static Flux<DataBuffer> guard(Flux<DataBuffer> body, Duration stallTimeout, @Nullable Duration totalTimeout,
			Scheduler timer) {
		return Flux.defer(() -> {
			Watchdog watchdog = new Watchdog(stallTimeout.toNanos(),
					(totalTimeout != null) ? totalTimeout.toNanos() : Long.MAX_VALUE, timer);
			Duration tick = Duration.ofNanos(Math.max(Duration.ofMillis(5).toNanos(), stallTimeout.toNanos() / 4));
			Mono<Long> expiry = Flux.interval(tick, tick, timer).filter((ignored) -> watchdog.expired()).next();
			return body.doOnRequest(watchdog::requested)
				.doOnNext((buffer) -> watchdog.received())
				.timeout(expiry, (buffer) -> expiry)
				.onErrorMap(TimeoutException.class, (ex) -> watchdog.failure(stallTimeout, totalTimeout));
		});
	}


	/**
	 * Tracks the outstanding demand of one body and the time since it last made progress.
	 * Demand is requested on the subscriber's thread and met on the event loop, so both fields
	 * are atomic.
	 */
	private static final class Watchdog {

		private final long stallNanos;

		private final long deadline;

		private final Scheduler timer;

		private final AtomicLong outstanding = new AtomicLong();

		/** Time at which the current wait for requested bytes began. */
		private final AtomicLong waitingSince = new AtomicLong();

		Watchdog(long stallNanos, long totalNanos, Scheduler timer) {
			this.stallNanos = stallNanos;
			this.timer = timer;
			long now = now();
			this.deadline = (totalNanos == Long.MAX_VALUE) ? Long.MAX_VALUE : now + totalNanos;
			this.waitingSince.set(now);
		}

		void requested(long count) {
			long before = this.outstanding.getAndUpdate((current) -> saturatedAdd(current, count));
			if (before == 0) {
				this.waitingSince.set(now());
			}
		}

		void received() {
			this.outstanding.updateAndGet((current) -> (current == Long.MAX_VALUE) ? current : Math.max(0, current - 1));
			this.waitingSince.set(now());
		}

		boolean expired() {
			long now = now();
			return now - this.deadline >= 0 || (this.outstanding.get() > 0 && now - this.waitingSince.get() >= this.stallNanos);
		}

		RequestTimeoutException failure(Duration stallTimeout, @Nullable Duration totalTimeout) {
			if (totalTimeout != null && now() - this.deadline >= 0) {
				return new RequestTimeoutException("the request body did not arrive within " + totalTimeout.toMillis()
						+ " ms; send it faster or raise poolstream.limits.body-timeout");
			}
			return new RequestTimeoutException("the request body stalled: no bytes arrived for "
					+ stallTimeout.toMillis() + " ms while the server was reading; keep sending or raise "
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
