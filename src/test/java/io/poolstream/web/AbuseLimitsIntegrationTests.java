package io.poolstream.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abuse limits with access control off: the ingest rate per client address, event streams
 * per client address and in total, and the stream count. The loopback peer is a trusted proxy
 * here, so each test acts as several clients by sending its own {@code X-Forwarded-For} header;
 * no request goes anywhere but loopback.
 */
@TestPropertySource(properties = { "poolstream.security.limits.ingest-rate=1", "poolstream.security.limits.ingest-burst=2",
		"poolstream.security.trusted-proxies=127.0.0.1", "poolstream.security.limits.max-event-streams-per-client=2",
		"poolstream.security.limits.max-event-streams=3", "poolstream.streams.max-streams=3" })
class AbuseLimitsIntegrationTests extends ServerIntegrationTest {

	private static final byte[] PHOTO = TestData.bytes("photos/rocket_640x427.jpg");

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};


	/** Each delete comes from its own address, so that cleaning up never meets the rate limit. */
	private static int deletingClient;

	private final List<Disposable> openStreams = new ArrayList<>();


	@Test
	void ingestOverRateIs429WithRetryAfter() {
		push("rate-limited", "192.0.2.10").expectStatus().isAccepted();
		push("rate-limited", "192.0.2.10").expectStatus().isAccepted();

		push("rate-limited", "192.0.2.10")
			.expectStatus().isEqualTo(429)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/rate-limited")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("192.0.2.10", "ingest-rate"));
		push("rate-limited", "192.0.2.11").expectStatus().isAccepted();
	}

	@Test
	void readsAreNotRateLimited() {
		for (int i = 0; i < 5; i++) {
			this.client.get().uri("/api/v1/streams").header("X-Forwarded-For", "192.0.2.20").exchange()
				.expectStatus().isOk();
		}
	}

	@Test
	void eventStreamsAreCappedPerClientAndInTotal() {
		put("capped", "192.0.2.30");
		open("capped", "198.51.100.1");
		open("capped", "198.51.100.1");
		new StreamApi(this.client).awaitSubscribers("capped", 2);

		events("capped", "198.51.100.1")
			.expectStatus().isEqualTo(429)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/too-many-event-streams")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("max-event-streams-per-client"));

		open("capped", "198.51.100.2");
		new StreamApi(this.client).awaitSubscribers("capped", 3);
		events("capped", "198.51.100.3")
			.expectStatus().isEqualTo(503)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("poolstream.security.limits.max-event-streams;"));

		this.openStreams.remove(0).dispose();
		StreamApi.awaitCondition(() -> connectStatus("capped", "198.51.100.3") == 200);
	}

	@Test
	void streamCountIsCapped() {
		int status = 0;
		for (int i = 0; i < 4 && status != 429; i++) {
			status = this.client.put().uri("/api/v1/streams/count-" + i).header("X-Forwarded-For", "192.0.2.4" + i)
				.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
				.returnResult(byte[].class).getStatus().value();
		}

		assertThat(status).isEqualTo(429);
		this.client.get().uri("/api/v1/streams").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.length()").isEqualTo(3);
	}

	@AfterEach
	void closeEventStreamsAndDeleteStreams() {
		this.openStreams.forEach(Disposable::dispose);
		byte[] body = this.client.get().uri("/api/v1/streams").exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		for (tools.jackson.databind.JsonNode stream : tools.jackson.databind.json.JsonMapper.builder().build().readTree(body)) {
			this.client.delete().uri("/api/v1/streams/" + stream.get("id").asString())
				.header("X-Forwarded-For", "203.0.113." + (++deletingClient)).exchange()
				.expectStatus().isNoContent();
		}
	}

	/**
	 * Connects, reads the status and closes the connection.
	 */
	private int connectStatus(String stream, String client) {
		FluxExchangeResult<String> result = this.client.get()
			.uri("/api/v1/streams/" + stream + "/events")
			.header("X-Forwarded-For", client)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(String.class);
		result.getResponseBody().subscribe().dispose();
		return result.getStatus().value();
	}

	private void open(String stream, String client) {
		Disposable subscription = this.webClient.get()
			.uri("/api/v1/streams/{id}/events", stream)
			.header("X-Forwarded-For", client)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT_TYPE)
			.subscribe((event) -> {
			}, (error) -> {
			});
		this.openStreams.add(subscription);
	}

	private WebTestClient.ResponseSpec events(String stream, String client) {
		return this.client.get()
			.uri("/api/v1/streams/" + stream + "/events")
			.header("X-Forwarded-For", client)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange();
	}

	private void put(String stream, String client) {
		this.client.put().uri("/api/v1/streams/" + stream).header("X-Forwarded-For", client)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
			.expectStatus().isCreated();
	}

	private WebTestClient.ResponseSpec push(String stream, String client) {
		return this.client.post()
			.uri("/api/v1/streams/" + stream + "/frames")
			.header("X-Forwarded-For", client)
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange();
	}

}
