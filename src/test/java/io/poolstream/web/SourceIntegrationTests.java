package io.poolstream.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pull sources against cameras and image servers that the tests run on loopback: ffmpeg serving
 * MJPEG, and a JDK HTTP server serving a photo. Loopback is allowed here only; the guard's
 * rejections are checked with addresses that are never contacted.
 */
@TestPropertySource(properties = { "poolstream.sources.allow-loopback=true", "poolstream.sources.max-sources=3",
		"poolstream.sources.initial-backoff=200ms", "poolstream.sources.max-backoff=1s",
		"poolstream.sources.idle-timeout=5s" })
class SourceIntegrationTests extends ServerIntegrationTest {

	private static final Duration TIMEOUT = StreamApi.TIMEOUT;

	private static final byte[] PHOTO = TestData.bytes("photos/rocket_640x427.jpg");


	private StreamApi streams;

	private HttpServer imageServer;

	private final AtomicInteger imageRequests = new AtomicInteger();


	@BeforeEach
	void startImageServer() throws IOException {
		this.streams = new StreamApi(this.client);
		this.imageServer = startImageServer(0);
	}

	@AfterEach
	void deleteStreamsAndImageServer() {
		for (JsonNode stream : listStreams()) {
			this.client.delete().uri("/api/v1/streams/" + stream.get("id").asString()).exchange();
		}
		this.imageServer.stop(0);
	}

	private JsonNode listStreams() {
		byte[] body = this.client.get().uri("/api/v1/streams").exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
	}

	private HttpServer startImageServer(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/photo.jpg", (exchange) -> {
			this.imageRequests.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
			exchange.sendResponseHeaders(200, PHOTO.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(PHOTO);
			}
		});
		server.createContext("/moved", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.start();
		return server;
	}

	private String imageUrl(String path) {
		return "http://127.0.0.1:" + this.imageServer.getAddress().getPort() + path;
	}

	@Test
	void ffmpegCameraFeedsStreamUntilSourceDeleted() throws Exception {
		int cameraPort = freePort();
		Process camera = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-i",
				TestData.path("video/car-detection_10s.mjpeg").toString(), "-c:v", "copy", "-f", "mpjpeg", "-listen", "1",
				"http://127.0.0.1:" + cameraPort + "/")
			.redirectErrorStream(true)
			.start();
		try {
			this.streams.put("pull-mjpeg", Map.of("policy", "buffer", "capacity", 64));
			CompletableFuture<List<ServerSentEvent<String>>> received = SseClient.collect(
					SseClient.events(this.webClient, "pull-mjpeg", null), SseClient::isFrame, 10, TIMEOUT);
			this.streams.awaitSubscribers("pull-mjpeg", 1);

			putSource("pull-mjpeg", Map.of("url", "http://127.0.0.1:" + cameraPort + "/", "type", "mjpeg"))
				.expectStatus().isCreated()
				.expectBody()
				.jsonPath("$.source.type").isEqualTo("mjpeg")
				.jsonPath("$.source.url").isEqualTo("http://127.0.0.1:" + cameraPort + "/");

			List<ServerSentEvent<String>> events = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(events).hasSize(10);
			for (int i = 0; i < events.size(); i++) {
				assertThat(events.get(i).id()).isEqualTo(Integer.toString(i + 1));
				assertThat(SseClient.data(events.get(i)).get("input").get("width").asInt()).isEqualTo(768);
			}
			JsonNode source = this.streams.describe("pull-mjpeg").get("source");
			assertThat(source.get("state").asString()).isEqualTo("connected");
			assertThat(source.get("frames").asLong()).isGreaterThanOrEqualTo(10);

			this.client.delete().uri("/api/v1/streams/pull-mjpeg/source").exchange().expectStatus().isNoContent();

			assertThat(this.streams.describe("pull-mjpeg").get("source").isNull()).isTrue();
			assertThat(camera.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg ends when its only client leaves").isTrue();
			long receivedAfterDelete = this.streams.stats("pull-mjpeg").get("received").asLong();
			Thread.sleep(500);
			assertThat(this.streams.stats("pull-mjpeg").get("received").asLong()).isEqualTo(receivedAfterDelete);
		}
		finally {
			camera.destroyForcibly();
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void pollSourceReconnectsAfterServerRestart(CapturedOutput output) throws Exception {
		this.streams.put("pull-poll", Map.of("policy", "latest"));
		CompletableFuture<List<ServerSentEvent<String>>> received = SseClient.collect(
				SseClient.events(this.webClient, "pull-poll", null), SseClient::isFrame, 2, TIMEOUT);
		this.streams.awaitSubscribers("pull-poll", 1);

		putSource("pull-poll", Map.of("url", imageUrl("/photo.jpg"), "type", "poll", "intervalMs", 100))
			.expectStatus().isCreated()
			.expectBody()
			.jsonPath("$.source.intervalMs").isEqualTo(100);

		List<ServerSentEvent<String>> events = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(SseClient.data(events.get(0)).get("input").get("width").asInt()).isEqualTo(640);
		awaitSource("pull-poll", (source) -> source.get("state").asString().equals("connected"));

		int port = this.imageServer.getAddress().getPort();
		this.imageServer.stop(0);
		JsonNode failed = awaitSource("pull-poll", (source) -> source.get("state").asString().equals("backoff"));
		assertThat(failed.get("lastError").asString()).isNotBlank();
		assertThat(output.getOut()).contains("Stream pull-poll source failed, reconnecting with backoff");
		long framesWhileDown = failed.get("frames").asLong();

		this.imageServer = startImageServer(port);
		JsonNode recovered = awaitSource("pull-poll", (source) -> source.get("state").asString().equals("connected")
				&& source.get("frames").asLong() > framesWhileDown);
		assertThat(recovered.get("frames").asLong()).isGreaterThan(framesWhileDown);
	}

	@Test
	void deletingStreamStopsItsSource() throws Exception {
		this.streams.put("pull-deleted", Map.of("policy", "latest"));
		putSource("pull-deleted", Map.of("url", imageUrl("/photo.jpg"), "type", "poll", "intervalMs", 100))
			.expectStatus().isCreated();
		awaitSource("pull-deleted", (source) -> source.get("frames").asLong() >= 2);

		this.client.delete().uri("/api/v1/streams/pull-deleted").exchange().expectStatus().isNoContent();
		Thread.sleep(300);
		int requestsAfterDelete = this.imageRequests.get();
		Thread.sleep(1000);

		assertThat(this.imageRequests.get()).isEqualTo(requestsAfterDelete);
		this.client.get().uri("/api/v1/streams/pull-deleted").exchange().expectStatus().isNotFound();
	}

	@Test
	void redirectIsNotFollowed() {
		this.streams.put("pull-redirect", Map.of("policy", "latest"));
		putSource("pull-redirect", Map.of("url", imageUrl("/moved"), "type", "poll", "intervalMs", 100))
			.expectStatus().isCreated();

		JsonNode source = awaitSource("pull-redirect", (state) -> state.get("state").asString().equals("backoff"));

		assertThat(source.get("lastError").asString()).contains("302").contains("redirects are not followed");
		assertThat(source.get("frames").asLong()).isZero();
		this.client.delete().uri("/api/v1/streams/pull-redirect/source").exchange().expectStatus().isNoContent();
	}

	@Test
	void replacingSourceAnswers200() {
		this.streams.put("pull-replaced", Map.of("policy", "latest"));
		Map<String, Object> body = Map.of("url", imageUrl("/photo.jpg"), "type", "poll", "intervalMs", 500);
		putSource("pull-replaced", body).expectStatus().isCreated();

		putSource("pull-replaced", body).expectStatus().isOk();

		this.client.delete().uri("/api/v1/streams/pull-replaced/source").exchange().expectStatus().isNoContent();
	}

	@Test
	void privateAddressIsRejectedWith403() {
		putSource("pull-private", Map.of("url", "http://10.0.0.1/video"))
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/address-not-allowed")
			.jsonPath("$.address").isEqualTo("10.0.0.1")
			.jsonPath("$.setting").isEqualTo("poolstream.sources.allow-private")
			.jsonPath("$.detail").value((detail) -> assertThat((String) detail).contains("10.0.0.1"));
	}

	@Test
	void metadataAddressIsRejectedWith403() {
		putSource("pull-metadata", Map.of("url", "http://169.254.169.254/latest/meta-data/", "type", "poll"))
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.address").isEqualTo("169.254.169.254")
			.jsonPath("$.setting").isEqualTo("poolstream.sources.allowed-cidrs");
	}

	@Test
	void nonHttpSchemeIsRejectedWith400() {
		putSource("pull-ftp", Map.of("url", "ftp://127.0.0.1/video"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("url")
			.jsonPath("$.detail").value((detail) -> assertThat((String) detail).contains("ftp"));
	}

	@Test
	void tooShortIntervalIsRejectedWith400() {
		putSource("pull-fast", Map.of("url", imageUrl("/photo.jpg"), "type", "poll", "intervalMs", 10))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("intervalMs");
	}

	@Test
	void sourcesAboveCapAreRejectedWith429() {
		Map<String, Object> body = Map.of("url", imageUrl("/photo.jpg"), "type", "poll", "intervalMs", 1000);
		for (int i = 1; i <= 3; i++) {
			putSource("pull-cap-" + i, body).expectStatus().isCreated();
		}

		putSource("pull-cap-4", body)
			.expectStatus().isEqualTo(429)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/too-many-sources");

		for (int i = 1; i <= 3; i++) {
			this.client.delete().uri("/api/v1/streams/pull-cap-" + i + "/source").exchange().expectStatus().isNoContent();
		}
	}

	@Test
	void deleteAnswers404WithoutStreamOrSource() {
		this.client.delete().uri("/api/v1/streams/pull-nothing/source").exchange()
			.expectStatus().isNotFound()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/unknown-stream");
		this.streams.put("pull-sourceless", Map.of("policy", "latest"));

		this.client.delete().uri("/api/v1/streams/pull-sourceless/source").exchange()
			.expectStatus().isNotFound()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/unknown-source");
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec putSource(String stream,
			Map<String, Object> body) {
		return this.client.put()
			.uri("/api/v1/streams/" + stream + "/source")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private JsonNode awaitSource(String stream, java.util.function.Predicate<JsonNode> condition) {
		JsonNode[] last = { null };
		StreamApi.awaitCondition(() -> {
			last[0] = this.streams.describe(stream).get("source");
			return last[0] != null && !last[0].isNull() && condition.test(last[0]);
		});
		return last[0];
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
