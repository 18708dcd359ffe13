package io.poolstream.source;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import io.poolstream.codec.FrameSplitter;
import io.poolstream.codec.SniffingSplitter;
import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.LogRateLimiter;
import io.poolstream.pipeline.StreamRegistry;

/**
 * One running pull source: reads frames from a URL and offers each to its stream through a sink, so
 * the stream's backpressure policy decides what is dropped, exactly as for pushed frames. One offer
 * is in flight at a time: the registry takes a frame at once, and a transport may take longer.
 *
 * <p>After any failure (rejected address, connection error, error status, malformed body, idle
 * timeout, or an {@code mjpeg} response that ends) it waits with exponential backoff and connects
 * again. The backoff starts over once a frame has arrived. It stops when disposed and when its
 * stream no longer exists. The state fields are written by Reactor threads and read by API
 * requests, so they are volatile or atomic.
 */
final class PullSource {

	private static final Logger logger = LoggerFactory.getLogger(PullSource.class);

	/**
	 * Limits warnings of a source that keeps connecting and failing at once, which resets its
	 * count of failures in a row each time.
	 */
	private static final LogRateLimiter repeats = LogRateLimiter.perTenSeconds();

	/** How often a source checks that its stream still exists, between frames. */
	private static final Duration STREAM_CHECK_INTERVAL = Duration.ofSeconds(1);


	private final String stream;

	private final SourceSpec spec;

	private final SourceSettings settings;

	private final HttpFetcher fetcher;

	private final AddressGuard guard;

	private final StreamRegistry registry;

	private final FrameSink sink;

	private final Sinks.Empty<Void> streamGone = Sinks.empty();

	private final AtomicLong frames = new AtomicLong();

	private final Disposable.Swap running = Disposables.swap();

	private volatile SourceState state = SourceState.CONNECTING;

	private volatile @Nullable String lastError;


	PullSource(String stream, SourceSpec spec, SourceSettings settings, HttpFetcher fetcher, AddressGuard guard,
			StreamRegistry registry, FrameSink sink) {
		this.stream = stream;
		this.spec = spec;
		this.settings = settings;
		this.fetcher = fetcher;
		this.guard = guard;
		this.registry = registry;
		this.sink = sink;
	}


	/**
	 * Starts reading on Reactor's threads and returns at once.
	 * @param onStop runs once when the source stops for any reason
	 */
	void start(Runnable onStop) {
		logger.info("Stream {} source started: {} {}", this.stream, this.spec.type().value(), this.spec.url());
		Mono<Long> streamDeleted = Flux.interval(STREAM_CHECK_INTERVAL)
			.filter((tick) -> this.registry.find(this.stream).isEmpty())
			.next();
		Flux<byte[]> reading = Flux.defer(this::connect)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.settings.initialBackoff())
				.maxBackoff(this.settings.maxBackoff())
				.transientErrors(true)
				.doBeforeRetry((signal) -> enterBackoff(signal.failure(), signal.totalRetriesInARow()))
				.doAfterRetry((signal) -> this.state = SourceState.CONNECTING));
		this.running.update(reading
			.takeUntilOther(Mono.firstWithSignal(this.streamGone.asMono(), streamDeleted.then()))
			.doFinally((signal) -> {
				this.state = SourceState.STOPPED;
				logger.info("Stream {} source stopped after {} frames", this.stream, this.frames.get());
				onStop.run();
			})
			.concatMap(this::offer, 1)
			.subscribe(null, (failure) -> logger.error("Stream {} source failed", this.stream, failure)));
	}

	/**
	 * Stops reading and closes the connection. Safe to call more than once.
	 */
	void stop() {
		this.running.dispose();
	}

	SourceView view() {
		return new SourceView(this.spec, this.state, this.lastError, this.frames.get());
	}

	private Flux<byte[]> connect() {
		this.state = SourceState.CONNECTING;
		return switch (this.spec.type()) {
			case MJPEG -> checkAddress().thenMany(readMultipart());
			case POLL -> poll();
		};
	}

	private Mono<Void> checkAddress() {
		return checkAddress(this.guard, this.spec.url());
	}

	/**
	 * Runs the guard on the bounded elastic scheduler when it must look up a name, which blocks,
	 * and in place when the host is an IP literal.
	 */
	static Mono<Void> checkAddress(AddressGuard guard, URI url) {
		Mono<Void> check = Mono.fromRunnable(() -> guard.check(url));
		return guard.needsLookup(url) ? check.subscribeOn(Schedulers.boundedElastic()) : check;
	}

	private Flux<byte[]> readMultipart() {
		Flux<byte[]> frames = this.fetcher.stream(this.spec.url(), (contentType, body) -> {
			this.state = SourceState.CONNECTED;
			logger.info("Stream {} source connected to {} ({})", this.stream, this.spec.url(), contentType);
			FrameSplitter splitter = new SniffingSplitter(this.settings.maxFrameBytes(), boundaryOf(contentType));
			// Splitting only copies bytes, so it runs on the event loop like the push endpoint's.
			return Flux.concat(body.concatMapIterable((chunk) -> split(splitter, chunk), 1),
					Flux.defer(() -> Flux.fromIterable(finish(splitter))));
		});
		return frames.timeout(this.settings.idleTimeout())
			.concatWith(Mono.error(() -> new SourceFetchException("the server ended the response of "
					+ this.spec.url())));
	}

	private Flux<byte[]> poll() {
		// Ticks that come while a GET is still running are dropped, so a slow server lowers the rate.
		return Flux.interval(Duration.ZERO, this.spec.interval())
			.onBackpressureDrop()
			.concatMap((tick) -> checkAddress().then(this.fetcher.fetch(this.spec.url(), this.settings.maxFrameBytes())
				.timeout(this.settings.idleTimeout())), 0)
			.doOnNext((frame) -> this.state = SourceState.CONNECTED);
	}

	/**
	 * Offers a frame to the sink, which completes empty when the stream no longer exists. A sink
	 * that fails, such as an unavailable transport, loses this frame only.
	 */
	private Mono<Void> offer(byte[] frame) {
		long count = this.frames.incrementAndGet();
		return this.sink.offer(this.stream, frame)
			.doOnNext((admission) -> {
				if (!admission.accepted()) {
					logger.debug("Stream {} rejected source frame {}", this.stream, count);
				}
			})
			.switchIfEmpty(Mono.fromRunnable(this.streamGone::tryEmitEmpty))
			.onErrorResume((failure) -> {
				logger.debug("Stream {} source frame {} not delivered: {}", this.stream, count, failure.getMessage());
				return Mono.empty();
			})
			.then();
	}

	private void enterBackoff(Throwable failure, long failuresInARow) {
		this.state = SourceState.BACKOFF;
		String message = describe(failure);
		this.lastError = message;
		// Warn on the first failure in a row only, so a camera that stays down does not flood the log.
		long suppressed = (failuresInARow == 0) ? repeats.admit(this.stream, "source") : LogRateLimiter.SUPPRESS;
		if (suppressed != LogRateLimiter.SUPPRESS) {
			logger.warn("Stream {} source failed, reconnecting with backoff: {}{}", this.stream, message,
					LogRateLimiter.describeSuppressed(suppressed));
		}
		else {
			logger.debug("Stream {} source failed {} times in a row: {}", this.stream, failuresInARow + 1, message);
		}
	}

	/**
	 * Describes a failure for the API's {@code lastError}, without stack traces or class names
	 * where a message exists.
	 */
	static String describe(Throwable failure) {
		if (failure instanceof java.util.concurrent.TimeoutException) {
			return "timed out: no frame or response within the idle timeout (poolstream.sources.idle-timeout)";
		}
		String message = failure.getMessage();
		if (message == null || message.isBlank()) {
			Throwable cause = failure.getCause();
			return (cause != null && cause != failure) ? describe(cause) : failure.getClass().getSimpleName();
		}
		return message;
	}

	/**
	 * Returns the {@code boundary} parameter of a {@code multipart/*} content type without
	 * quotes, or {@code null} so the splitter reads it from the body.
	 */
	static @Nullable String boundaryOf(@Nullable String contentType) {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			return null;
		}
		for (String parameter : contentType.split(";")) {
			int equals = parameter.indexOf('=');
			if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("boundary")) {
				String value = parameter.substring(equals + 1).trim();
				if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	private static List<byte[]> split(FrameSplitter splitter, byte[] chunk) {
		List<byte[]> frames = new ArrayList<>(2);
		splitter.feed(chunk, 0, chunk.length, frames::add);
		return frames;
	}

	private static List<byte[]> finish(FrameSplitter splitter) {
		List<byte[]> frames = new ArrayList<>(1);
		splitter.finish(frames::add);
		return frames;
	}

}
