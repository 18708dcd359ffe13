package io.poolstream.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.poolstream.client.PoolstreamClient;

/**
 * Sends sample frames through the server's own HTTP API on a loopback address, so the JIT
 * compiler has compiled the request path before real traffic arrives.
 *
 * <p>The in-process warm-up covers decode, pool and encode only. A load that starts right after
 * it still finds the rest of the path interpreted: Reactor Netty's request and response handling,
 * the splitting of a long {@code multipart/x-mixed-replace} body, admission to the stream's
 * buffer, the hub's fan-out and the writing of server-sent events. Under 200 subscribers the
 * compilation of that code took 0.3 to 0.8 of a CPU for about 5 s on two cores, measured with
 * bench/thread_cpu.py during bench/load.sh. This warm-up creates a
 * temporary stream with policy {@code block}, so no frame is dropped or rejected, opens
 * subscribers on it, pushes the frames as one long body with {@link PoolstreamClient}, waits
 * until each subscriber has the last result and deletes the stream.
 */
final class LoopbackWarmUp {

	private static final Logger logger = LoggerFactory.getLogger(LoopbackWarmUp.class);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};

	/** Time for the subscribers' connections to open before the first frame is pushed. */
	private static final Duration SUBSCRIBE_DELAY = Duration.ofMillis(300);


	private final String baseUrl;

	private final String streamId;

	private final List<byte[]> samples;


	/**
	 * Creates a warm-up of the server at {@code baseUrl}.
	 * @param baseUrl the server's root on a loopback address, such as {@code http://127.0.0.1:8080}
	 * @param streamId the id of the temporary stream, which must not exist yet
	 * @param samples encoded JPEG frames, used in turn
	 */
	LoopbackWarmUp(String baseUrl, String streamId, List<byte[]> samples) {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("loopback warm-up needs at least one sample frame");
		}

		this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
		this.streamId = Objects.requireNonNull(streamId, "streamId");
		this.samples = List.copyOf(samples);
	}


	/**
	 * Pushes {@code frames} frames to the temporary stream while {@code subscribers} event
	 * connections read its results, and deletes the stream afterwards, also after a failure.
	 * @return the number of {@code frame} events the subscribers received, once the last one
	 * has its last result; an error when a request fails or the whole takes longer than
	 * {@code timeout}
	 */
	Mono<Long> run(int frames, int subscribers, Duration timeout) {
		if (frames < 1 || subscribers < 1) {
			throw new IllegalArgumentException("frames and subscribers must be at least 1, got " + frames + " and "
					+ subscribers);
		}

		WebClient webClient = WebClient.builder().baseUrl(this.baseUrl).build();
		PoolstreamClient client = PoolstreamClient.builder(this.baseUrl).build();
		return Mono.usingWhen(createStream(webClient), (created) -> pushAndRead(webClient, client, frames, subscribers),
				(created) -> deleteStream(webClient))
			.timeout(timeout);
	}

	private Mono<String> createStream(WebClient webClient) {
		return webClient.put()
			.uri("/api/v1/streams/{id}", this.streamId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"backpressure\": {\"policy\": \"block\"}}")
			.retrieve()
			.toBodilessEntity()
			.thenReturn(this.streamId);
	}

	private Mono<Long> pushAndRead(WebClient webClient, PoolstreamClient client, int frames, int subscribers) {
		AtomicLong received = new AtomicLong();
		Mono<Void> reads = Flux.range(0, subscribers)
			.flatMap((index) -> readEvents(webClient)
				.doOnNext((event) -> {
					if ("frame".equals(event.event())) {
						received.incrementAndGet();
					}
				})
				.takeUntil((event) -> sequenceOf(event) >= frames), subscribers)
			.then();
		Flux<byte[]> body = Flux.range(0, frames).map((index) -> this.samples.get(index % this.samples.size()));
		Mono<Void> push = Mono.delay(SUBSCRIBE_DELAY)
			.then(client.push(this.streamId, body))
			.doOnNext((summary) -> logger.debug("Stream {} warm-up body ended: {}", this.streamId, summary))
			.then();
		return Mono.when(reads, push).then(Mono.fromSupplier(received::get));
	}

	/**
	 * Reads the stream's events as text. {@link PoolstreamClient#results} is not used here because
	 * it maps each event with Jackson on the event loop, and 16 connections creating the same
	 * deserializer at once wait on the lock of Jackson's deserializer cache.
	 */
	private Flux<ServerSentEvent<String>> readEvents(WebClient webClient) {
		return webClient.get()
			.uri("/api/v1/streams/{id}/events", this.streamId)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT_TYPE);
	}

	private static long sequenceOf(ServerSentEvent<String> event) {
		String id = event.id();
		if (id == null || !("frame".equals(event.event()) || "error".equals(event.event()))) {
			return -1;
		}
		return Long.parseLong(id);
	}

	private Mono<Void> deleteStream(WebClient webClient) {
		return webClient.delete()
			.uri("/api/v1/streams/{id}", this.streamId)
			.retrieve()
			.toBodilessEntity()
			.then();
	}

}
