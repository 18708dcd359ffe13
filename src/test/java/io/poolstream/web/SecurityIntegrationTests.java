package io.poolstream.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access control switched on by configuration: API keys with scopes, JWT bearer tokens, stream
 * ownership, event tokens and the actuator, over real HTTP.
 */
@TestPropertySource(properties = { "management.endpoints.web.exposure.include=health,prometheus",
		"poolstream.security.limits.ingest-rate=0", "poolstream.security.limits.max-sources-per-key=1",
		"poolstream.sources.allow-loopback=true" })
class SecurityIntegrationTests extends ServerIntegrationTest {

	private static final SecurityFixture keys = new SecurityFixture();

	private static final byte[] PHOTO = TestData.bytes("photos/rocket_640x427.jpg");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};


	@DynamicPropertySource
	static void enableSecurity(DynamicPropertyRegistry registry) {
		keys.register(registry);
	}


	@Test
	void requestWithoutCredentialIs401() {
		this.client.get()
			.uri("/api/v1/streams")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"poolstream\"",
					"Bearer realm=\"poolstream\"")
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/authentication-required")
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("'read' scope", "X-API-Key"));
	}

	@Test
	void unknownApiKeyIs401() {
		this.client.get()
			.uri("/api/v1/streams")
			.header("X-API-Key", keys.readKey + "x")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/invalid-credentials")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("API key is not valid"));
	}

	@Test
	void readKeyListsStreamsInEitherHeader() {
		this.client.get()
			.uri("/api/v1/streams")
			.header("X-API-Key", keys.readKey)
			.exchange()
			.expectStatus().isOk();
		this.client.get()
			.uri("/api/v1/streams")
			.header(HttpHeaders.AUTHORIZATION, "ApiKey " + keys.readKey)
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void readKeyCannotPushFrames() {
		this.client.post()
			.uri("/api/v1/streams/read-only/frames")
			.header("X-API-Key", keys.readKey)
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/insufficient-scope")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("'ingest' scope"));
	}

	@Test
	void ingestKeyCannotReadEvents() {
		this.client.get()
			.uri("/api/v1/streams/anything/events")
			.header("X-API-Key", keys.ingestKey)
			.exchange()
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/insufficient-scope");
	}

	@Test
	void putClaimsStream() {
		put("owned-by-put", keys.ingestKey).expectStatus().isCreated();

		put("owned-by-put", keys.otherIngestKey)
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/not-stream-owner")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("'owned-by-put'"));
		push("owned-by-put", keys.otherIngestKey).expectStatus().isForbidden();
		delete("owned-by-put", keys.otherIngestKey).expectStatus().isForbidden();

		push("owned-by-put", keys.ingestKey).expectStatus().isAccepted();
		put("owned-by-put", keys.ingestKey).expectStatus().isOk();
		delete("owned-by-put", keys.ingestKey).expectStatus().isNoContent();
	}

	@Test
	void firstPushClaimsStream() {
		push("owned-by-push", keys.ingestKey).expectStatus().isAccepted();

		push("owned-by-push", keys.otherIngestKey)
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/not-stream-owner");
	}

	@Test
	void adminChangesAnyStream() {
		put("admin-managed", keys.ingestKey).expectStatus().isCreated();

		put("admin-managed", keys.adminKey).expectStatus().isOk();
		delete("admin-managed", keys.adminKey).expectStatus().isNoContent();
	}

	@Test
	void deletedStreamIdIsFreeForAnotherKey() {
		put("reused-id", keys.ingestKey).expectStatus().isCreated();
		delete("reused-id", keys.ingestKey).expectStatus().isNoContent();

		put("reused-id", keys.otherIngestKey).expectStatus().isCreated();
		push("reused-id", keys.ingestKey).expectStatus().isForbidden();
	}

	@Test
	void actuatorHealthIsPublicAndPrometheusNeedsAdmin() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();

		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/prometheus").header("X-API-Key", keys.readKey).exchange()
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("'admin' scope"));
		this.client.get().uri("/actuator/prometheus").header("X-API-Key", keys.adminKey).exchange()
			.expectStatus().isOk();
	}

	@Test
	void dashboardLoadsWithoutCredential() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueMatches("Content-Security-Policy", ".*script-src 'self'.*")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer");
	}

	@Test
	void corsIsOffByDefault() {
		this.client.get()
			.uri("/api/v1/streams")
			.header(HttpHeaders.ORIGIN, "http://dashboard.test")
			.header("X-API-Key", keys.readKey)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void jwtScopesMapToOurs() {
		String reader = keys.jwt("alice", "openid poolstream:read", Instant.now().plusSeconds(300));

		this.client.get().uri("/api/v1/streams").headers((headers) -> headers.setBearerAuth(reader)).exchange()
			.expectStatus().isOk();
		this.client.post()
			.uri("/api/v1/streams/jwt-read-only/frames")
			.headers((headers) -> headers.setBearerAuth(reader))
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange()
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/insufficient-scope");
	}

	@Test
	void jwtIngestOwnsItsStreams() {
		String alice = keys.jwt("alice", "poolstream:ingest", Instant.now().plusSeconds(300));
		String bob = keys.jwt("bob", "poolstream:ingest", Instant.now().plusSeconds(300));

		this.client.post()
			.uri("/api/v1/streams/jwt-owned/frames")
			.headers((headers) -> headers.setBearerAuth(alice))
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange()
			.expectStatus().isAccepted();
		this.client.post()
			.uri("/api/v1/streams/jwt-owned/frames")
			.headers((headers) -> headers.setBearerAuth(bob))
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void scopeWithoutPrefixGrantsNothing() {
		String token = keys.jwt("mallory", "read admin", Instant.now().plusSeconds(300));

		this.client.get().uri("/api/v1/streams").headers((headers) -> headers.setBearerAuth(token)).exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void expiredOrForeignJwtIs401() {
		String expired = keys.jwt("alice", "poolstream:read", Instant.now().minusSeconds(600));
		String foreign = keys.jwtFromStranger("alice", "poolstream:admin");

		for (String token : List.of(expired, foreign, "not-a-jwt")) {
			this.client.get().uri("/api/v1/streams").headers((headers) -> headers.setBearerAuth(token)).exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
				.expectBody()
				.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/invalid-credentials");
		}
	}

	@Test
	void eventTokenOpensItsStreamOnly() throws Exception {
		put("token-stream", keys.ingestKey).expectStatus().isCreated();
		JsonNode minted = mint("token-stream", keys.readKey);
		String url = minted.get("url").asString();
		assertThat(url).startsWith("/api/v1/streams/token-stream/events?token=");
		assertThat(Instant.parse(minted.get("expiresAt").asString())).isAfter(Instant.now());

		CompletableFuture<List<ServerSentEvent<String>>> frames = SseClient.collect(events(url), SseClient::isFrame, 1,
				StreamApi.TIMEOUT);
		new StreamApi(this.client.mutate().defaultHeader("X-API-Key", keys.adminKey).build())
			.awaitSubscribers("token-stream", 1);
		push("token-stream", keys.ingestKey).expectStatus().isAccepted();
		assertThat(frames.get(60, TimeUnit.SECONDS)).hasSize(1);

		String token = minted.get("token").asString();
		this.client.get().uri("/api/v1/streams/other-stream/events?token=" + token).exchange()
			.expectStatus().isUnauthorized()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/invalid-credentials");
		this.client.get().uri("/api/v1/streams/token-stream/events?token=" + token.replace('.', '0')).exchange()
			.expectStatus().isUnauthorized();
		this.client.get().uri("/api/v1/streams/token-stream/frames/latest?token=" + token).exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_JPEG);
		this.client.get().uri("/api/v1/streams/token-stream?token=" + token).exchange()
			.expectStatus().isUnauthorized();
		this.client.get().uri("/api/v1/streams/other-stream/frames/latest?token=" + token).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void pullSourcesAreCappedPerKey() {
		// The sources poll this server itself, which responds with 401, so they keep retrying and stay attached.
		String url = "http://127.0.0.1:" + this.port + "/api/v1/streams/none/frames/latest";
		putSource("source-1", keys.ingestKey, url).expectStatus().isCreated();
		putSource("source-1", keys.ingestKey, url).expectStatus().isOk();

		putSource("source-2", keys.ingestKey, url)
			.expectStatus().isEqualTo(429)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/too-many-sources")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("camera-1", "max-sources-per-key"));
		putSource("source-3", keys.otherIngestKey, url).expectStatus().isCreated();
		putSource("source-4", keys.adminKey, url).expectStatus().isCreated();

		for (String stream : List.of("source-1", "source-3", "source-4")) {
			delete(stream, keys.adminKey).expectStatus().isNoContent();
		}
		putSource("source-2", keys.ingestKey, url).expectStatus().isCreated();
		delete("source-2", keys.ingestKey).expectStatus().isNoContent();
	}

	private WebTestClient.ResponseSpec putSource(String stream, String key, String url) {
		return this.client.put()
			.uri("/api/v1/streams/" + stream + "/source")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", url, "type", "poll", "intervalMs", 1000))
			.exchange();
	}

	@Test
	void eventTokenNeedsReadScope() {
		this.client.post().uri("/api/v1/streams/minted/event-token").exchange().expectStatus().isUnauthorized();
		this.client.post().uri("/api/v1/streams/minted/event-token").header("X-API-Key", keys.ingestKey).exchange()
			.expectStatus().isForbidden();
	}

	private Flux<ServerSentEvent<String>> events(String url) {
		return this.webClient.get()
			.uri(url)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT_TYPE);
	}

	private JsonNode mint(String stream, String key) {
		byte[] body = this.client.post()
			.uri("/api/v1/streams/" + stream + "/event-token")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return json.readTree(body);
	}

	private WebTestClient.ResponseSpec put(String stream, String key) {
		return this.client.put()
			.uri("/api/v1/streams/" + stream)
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("retention", 8))
			.exchange();
	}

	private WebTestClient.ResponseSpec push(String stream, String key) {
		return this.client.post()
			.uri("/api/v1/streams/" + stream + "/frames")
			.header("X-API-Key", key)
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange();
	}

	private WebTestClient.ResponseSpec delete(String stream, String key) {
		return this.client.delete().uri("/api/v1/streams/" + stream).header("X-API-Key", key).exchange();
	}

}
