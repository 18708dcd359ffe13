package io.poolstream.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream operations over the public API, shared by the integration tests.
 */
final class StreamApi {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();


	private final WebTestClient client;


	StreamApi(WebTestClient client) {
		this.client = client;
	}


	void put(String id, Map<String, Object> backpressure) {
		this.client.put()
			.uri("/api/v1/streams/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("pipeline", List.of(Map.of("mode", "max", "kernel", 2)), "backpressure", backpressure,
					"retention", 256))
			.exchange()
			.expectStatus().value((status) -> assertThat(status).isIn(200, 201));
	}

	void pushOne(String id, byte[] image, long expectedSeq) {
		this.client.post()
			.uri("/api/v1/streams/" + id + "/frames")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(image)
			.exchange()
			.expectStatus().isAccepted()
			.expectBody()
			.jsonPath("$.seq").isEqualTo(expectedSeq);
	}

	JsonNode describe(String id) {
		byte[] body = this.client.get().uri("/api/v1/streams/" + id).exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return json.readTree(body);
	}

	JsonNode stats(String id) {
		return describe(id).get("stats");
	}

	void awaitSubscribers(String id, int count) {
		awaitCondition(() -> stats(id).get("subscribers").asInt() >= count);
	}

	static void awaitCondition(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + TIMEOUT);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
