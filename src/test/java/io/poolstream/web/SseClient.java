package io.poolstream.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A real server-sent events client for tests, built on WebClient.
 */
final class SseClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};


	private SseClient() {
	}


	/**
	 * Opens an event stream; nothing is sent until the flux is subscribed.
	 */
	static Flux<ServerSentEvent<String>> events(WebClient client, String stream, @Nullable Long lastEventId) {
		return client.get()
			.uri("/api/v1/streams/{id}/events", stream)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				if (lastEventId != null) {
					headers.set("Last-Event-ID", Long.toString(lastEventId));
				}
			})
			.retrieve()
			.bodyToFlux(EVENT_TYPE);
	}

	/**
	 * Subscribes at once and completes with the first {@code count} events that match.
	 */
	static CompletableFuture<List<ServerSentEvent<String>>> collect(Flux<ServerSentEvent<String>> events,
			Predicate<ServerSentEvent<String>> filter, int count, Duration timeout) {
		return events.filter(filter).take(count).take(timeout).collectList().toFuture();
	}

	static boolean isFrame(ServerSentEvent<String> event) {
		return "frame".equals(event.event());
	}

	static boolean isNamed(ServerSentEvent<String> event) {
		return event.event() != null;
	}

	static JsonNode data(ServerSentEvent<String> event) {
		return json.readTree(event.data());
	}

}
