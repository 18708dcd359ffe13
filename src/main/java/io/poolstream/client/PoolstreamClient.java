package io.poolstream.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A reactive client of one poolstream server: pushes frames into streams and subscribes to their
 * results, resuming by itself after a lost connection.
 *
 * <p>It reaches the server only through the public HTTP API. Instances are thread-safe and
 * cheap to share. Nothing is sent until a returned publisher is subscribed, and cancelling one
 * closes its connection. An error status fails the publisher with a
 * {@link PoolstreamClientException} that carries the server's problem detail.
 */
public final class PoolstreamClient {

	private static final Logger logger = LoggerFactory.getLogger(PoolstreamClient.class);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};


	private final WebClient webClient;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Duration idleTimeout;


	private PoolstreamClient(Builder builder) {
		this.webClient = builder.webClientBuilder.clone()
			.baseUrl(builder.baseUrl)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(builder.maxEventBytes))
			.build();
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.idleTimeout = builder.idleTimeout;
	}


	/**
	 * Creates a client with the default settings.
	 * @param baseUrl the server's root, such as {@code http://127.0.0.1:8080}
	 */
	public static PoolstreamClient create(String baseUrl) {
		return builder(baseUrl).build();
	}

	/**
	 * Starts a builder for a client of the server at {@code baseUrl}.
	 */
	public static Builder builder(String baseUrl) {
		return new Builder(baseUrl);
	}

	/**
	 * Pushes frames as one long {@code multipart/x-mixed-replace} request body, written as
	 * {@code jpegFrames} emits, one frame requested at a time whenever the connection can take more.
	 * Nothing is collected, so an endless flux makes an endless upload. The server splits the body
	 * and applies the stream's backpressure policy to each frame. A stream that does not exist is
	 * created with the server's defaults.
	 * @param streamId the stream id, 1 to 64 characters of {@code [A-Za-z0-9._-]}
	 * @param jpegFrames encoded JPEG frames; each array must not change after it is emitted
	 * @return a mono of the server's counts, which it sends when the body has ended
	 */
	public Mono<PushSummary> push(String streamId, Flux<byte[]> jpegFrames) {
		Objects.requireNonNull(streamId, "streamId");
		Objects.requireNonNull(jpegFrames, "jpegFrames");
		return Mono.defer(() -> {
			MultipartReplaceBody body = new MultipartReplaceBody();
			return this.webClient.post()
				.uri("/api/v1/streams/{id}/frames", streamId)
				.contentType(MediaType.parseMediaType(body.contentType()))
				.body(BodyInserters.fromDataBuffers(body.write(jpegFrames, MediaType.IMAGE_JPEG_VALUE)))
				.retrieve()
				.onStatus(HttpStatusCode::isError, PoolstreamClient::toException)
				.bodyToMono(PushSummary.class);
		});
	}

	/**
	 * Pushes one encoded image.
	 * @param streamId the stream id
	 * @param image the encoded image
	 * @param contentType its media type, such as {@code image/jpeg} or {@code image/png}
	 * @return a mono of the sequence number the server gave the frame, which fails with a
	 * {@link PoolstreamClientException} of status 429 when the stream's {@code buffer} policy has no room
	 */
	public Mono<Long> pushOne(String streamId, byte[] image, MediaType contentType) {
		Objects.requireNonNull(streamId, "streamId");
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(contentType, "contentType");
		return this.webClient.post()
			.uri("/api/v1/streams/{id}/frames", streamId)
			.contentType(contentType)
			.bodyValue(image)
			.retrieve()
			.onStatus(HttpStatusCode::isError, PoolstreamClient::toException)
			.bodyToMono(Accepted.class)
			.map(Accepted::seq);
	}

	/**
	 * Subscribes to a stream's results from now on, as {@code frame}, {@code error}, {@code gap}
	 * and {@code lagged} events of {@code GET /api/v1/streams/{id}/events}.
	 *
	 * <p>When the connection fails, is closed by the server, or stays silent longer than the idle
	 * timeout, the client connects again after an exponential backoff and sends
	 * {@code Last-Event-ID} with the last sequence number it emitted, so the server replays what
	 * it still retains. Results and failures with a sequence number at or below the last one
	 * emitted are skipped, so each is seen once. The backoff starts over after every event. An
	 * error status from 400 to 499 other than 408 and 429 ends the flux with a
	 * {@link PoolstreamClientException}, because connecting again would not help. Events are
	 * buffered as Reactor's operators do, and cancelling closes the connection.
	 *
	 * <p>NOTE: sequence numbers restart at 1 when a stream is deleted and created again, and the
	 * client then skips the new stream's results until they pass the last number it emitted.
	 * @param streamId the stream id
	 */
	public Flux<StreamEvent> results(String streamId) {
		Objects.requireNonNull(streamId, "streamId");
		return Flux.defer(() -> {
			AtomicLong lastSeq = new AtomicLong(-1);
			return Flux.defer(() -> connect(streamId, lastSeq.get()))
				.concatWith(Mono.error(() -> new ConnectionClosedException(streamId)))
				.filter((event) -> isNew(event, lastSeq))
				.retryWhen(Retry.backoff(Long.MAX_VALUE, this.initialBackoff)
					.maxBackoff(this.maxBackoff)
					.transientErrors(true)
					.filter(PoolstreamClient::isRetryable)
					.doBeforeRetry((signal) -> logger.debug("Stream {} event connection lost, resuming after {}: {}",
							streamId, lastSeq.get(), signal.failure().toString())));
		});
	}

	private Flux<StreamEvent> connect(String streamId, long lastSeq) {
		return this.webClient.get()
			.uri("/api/v1/streams/{id}/events", streamId)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				if (lastSeq >= 0) {
					headers.set("Last-Event-ID", Long.toString(lastSeq));
				}
			})
			.retrieve()
			.onStatus(HttpStatusCode::isError, PoolstreamClient::toException)
			.bodyToFlux(EVENT_TYPE)
			.timeout(this.idleTimeout)
			.concatMapIterable((event) -> EventDecoder.decode(event).stream().toList());
	}

	private static boolean isNew(StreamEvent event, AtomicLong lastSeq) {
		long seq = EventDecoder.sequenceOf(event);
		if (seq < 0) {
			return true;
		}
		if (seq <= lastSeq.get()) {
			return false;
		}
		lastSeq.set(seq);
		return true;
	}

	private static boolean isRetryable(Throwable failure) {
		if (failure instanceof PoolstreamClientException problem) {
			int status = problem.status();
			return status >= 500 || status == 408 || status == 429;
		}
		return true;
	}

	private static Mono<PoolstreamClientException> toException(ClientResponse response) {
		int status = response.statusCode().value();
		return response.bodyToMono(Problem.class)
			.onErrorResume((ex) -> Mono.empty())
			.map((problem) -> new PoolstreamClientException(status, problem.type(),
					"server returned status " + status + ": " + ((problem.detail() != null) ? problem.detail() : problem.title())))
			.defaultIfEmpty(new PoolstreamClientException(status, null, "server returned status " + status));
	}


	/**
	 * Settings of a client. The defaults suit a server on the same network.
	 */
	public static final class Builder {

		private final String baseUrl;

		private WebClient.Builder webClientBuilder = WebClient.builder();

		private Duration initialBackoff = Duration.ofMillis(500);

		private Duration maxBackoff = Duration.ofSeconds(30);

		private Duration idleTimeout = Duration.ofSeconds(60);

		private int maxEventBytes = 16 * 1024 * 1024;

		private Builder(String baseUrl) {
			Objects.requireNonNull(baseUrl, "baseUrl");
			if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
				throw new IllegalArgumentException("baseUrl must start with http:// or https://, got '" + baseUrl + "'");
			}
			this.baseUrl = baseUrl;
		}

		/**
		 * Sets the WebClient builder to start from, for filters, a connector or codecs. It is cloned,
		 * and its base URL is replaced.
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder");
			return this;
		}

		/**
		 * Sets the wait before the first reconnect of {@link #results}, 500 ms by default. It doubles
		 * with each failure in a row, up to {@code max}, 30 s by default.
		 */
		public Builder reconnectBackoff(Duration initial, Duration max) {
			if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
				throw new IllegalArgumentException("reconnect backoff must be positive with initial <= max, got " + initial
						+ " and " + max);
			}
			this.initialBackoff = initial;
			this.maxBackoff = max;
			return this;
		}

		/**
		 * Sets how long an event connection may stay silent before it counts as lost, 60 s by
		 * default. The server sends a heartbeat comment every 15 s by default, so keep this above
		 * the server's {@code poolstream.streams.heartbeat}.
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			if (idleTimeout.isNegative() || idleTimeout.isZero()) {
				throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
			}
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * Sets the largest event or response body decoded in memory, 16 MB by default. Events with
		 * inlined images need room for the whole image in base64.
		 */
		public Builder maxEventBytes(int maxEventBytes) {
			if (maxEventBytes < 1024) {
				throw new IllegalArgumentException("maxEventBytes must be at least 1024, got " + maxEventBytes);
			}
			this.maxEventBytes = maxEventBytes;
			return this;
		}

		public PoolstreamClient build() {
			return new PoolstreamClient(this);
		}

	}

	private record Accepted(String stream, long seq) {
	}

	private record Problem(@Nullable String type, @Nullable String title, int status, @Nullable String detail) {
	}

	/**
	 * Signals that the server ended an event stream, which happens when the stream is deleted or
	 * the server shuts down, so the client connects again.
	 */
	private static final class ConnectionClosedException extends RuntimeException {

		ConnectionClosedException(String streamId) {
			super("server closed the event stream of '" + streamId + "'", null, false, false);
		}

	}

}
