package io.poolstream.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.poolstream.PoolstreamApplication;
import io.poolstream.TestData;
import io.poolstream.pipeline.StreamRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown, against a server that each test starts and closes itself. Ingress is rejected
 * with 503, and every frame accepted before is processed and sent to subscribers. Then each event
 * stream gets its closing comment and ends cleanly, and pull sources stop.
 */
class GracefulShutdownIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** 2560x1600, so that with one worker and a gradient stage the frames take seconds to drain. */
	private static final byte[] PHOTO = TestData.bytes("photos/eveningglow_2560x1600.jpg");

	private static final int FRAMES = 12;


	private ConfigurableApplicationContext context;

	private WebTestClient client;

	private WebClient webClient;


	@BeforeAll
	static void installBlockHound() {
		ServerIntegrationTest.BlockHoundSupport.install();
	}

	@BeforeEach
	void startServer() {
		this.context = new SpringApplicationBuilder(PoolstreamApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--poolstream.demo.enabled=false", "--poolstream.warm-up.enabled=false", "--poolstream.processing.threads=1",
				"--poolstream.shutdown.drain-timeout=60s", "--poolstream.sources.allow-loopback=true",
				"--spring.lifecycle.timeout-per-shutdown-phase=30s");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		String baseUrl = "http://127.0.0.1:" + port;
		this.client = WebTestClient.bindToServer(new ReactorClientHttpConnector(
				HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl(baseUrl)
			.responseTimeout(TIMEOUT)
			.build();
		this.webClient = WebClient.builder().baseUrl(baseUrl).build();
	}

	@AfterEach
	void closeServer() {
		this.context.close();
	}

	@Test
	void shutdownDeliversAcceptedFramesBeforeClosing() throws Exception {
		this.client.put()
			.uri("/api/v1/streams/cam")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("pipeline", List.of(Map.of("mode", "gradient", "kernel", 3, "stride", 1)),
					"backpressure", Map.of("policy", "buffer", "capacity", 32)))
			.exchange()
			.expectStatus().isCreated();
		CompletableFuture<List<ServerSentEvent<String>>> received = SseClient.events(this.webClient, "cam", null)
			.collectList()
			.toFuture();
		new StreamApi(this.client).awaitSubscribers("cam", 1);
		for (long seq = 1; seq <= FRAMES; seq++) {
			new StreamApi(this.client).pushOne("cam", PHOTO, seq);
		}

		StreamRegistry registry = this.context.getBean(StreamRegistry.class);
		CompletableFuture<Void> closed = CompletableFuture.runAsync(this.context::close);
		StreamApi.awaitCondition(registry::draining);
		assertThat(registry.framesHeld()).as("frames still to drain when the late push is sent").isPositive();
		this.client.post()
			.uri("/api/v1/streams/cam/frames")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(PHOTO)
			.exchange()
			.expectStatus().isEqualTo(503)
			.expectHeader().valueEquals("Retry-After", "5")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/shutting-down");
		closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		// The flux completing, rather than failing with a premature close, is the clean end.
		List<ServerSentEvent<String>> events = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		List<ServerSentEvent<String>> frames = events.stream().filter(SseClient::isFrame).toList();
		assertThat(frames).extracting(ServerSentEvent::id)
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, FRAMES).mapToObj(Long::toString).toList());
		ServerSentEvent<String> last = events.get(events.size() - 1);
		assertThat(last.comment()).isEqualTo("stream closed");
		assertThat(events.indexOf(frames.get(frames.size() - 1))).isLessThan(events.size() - 1);
	}

	@Test
	void shutdownStopsPullSources() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		HttpServer imageServer = startImageServer(requests);
		try {
			this.client.put()
				.uri("/api/v1/streams/polled/source")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("url", "http://127.0.0.1:" + imageServer.getAddress().getPort() + "/photo.jpg",
						"type", "poll", "intervalMs", 100))
				.exchange()
				.expectStatus().isCreated();
			StreamApi.awaitCondition(() -> requests.get() >= 3);

			this.context.close();
			int afterClose = requests.get();
			Thread.sleep(500);

			assertThat(requests.get()).as("image requests after shutdown").isEqualTo(afterClose);
		}
		finally {
			imageServer.stop(0);
		}
	}

	private static HttpServer startImageServer(AtomicInteger requests) throws IOException {
		byte[] photo = TestData.bytes("photos/rocket_640x427.jpg");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/photo.jpg", (exchange) -> {
			requests.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
			exchange.sendResponseHeaders(200, photo.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(photo);
			}
		});
		server.start();
		return server;
	}

}
