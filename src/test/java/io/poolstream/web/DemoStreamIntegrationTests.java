package io.poolstream.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the service on its defaults, as the README's run command does, and checks that the
 * bundled clip plays as the live {@code demo} stream. The context is closed afterwards, so the demo
 * does not keep decoding frames while later test classes run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoStreamIntegrationTests {

	@LocalServerPort
	int port;

	WebClient webClient;

	WebTestClient client;


	@BeforeAll
	static void installBlockHound() {
		ServerIntegrationTest.BlockHoundSupport.install();
	}

	@BeforeEach
	void connect() {
		this.webClient = WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void demoStreamSendsPooledFramesWithInlineImages() throws Exception {
		List<ServerSentEvent<String>> events = SseClient.collect(SseClient.events(this.webClient, "demo", null),
				SseClient::isFrame, 5, Duration.ofSeconds(30)).get(40, TimeUnit.SECONDS);

		assertThat(events).hasSize(5);
		JsonNode first = SseClient.data(events.get(0));
		assertThat(first.get("input").get("width").asInt()).isEqualTo(768);
		assertThat(first.get("output").get("width").asInt()).isEqualTo(384);
		assertThat(first.get("image").asString()).startsWith("data:image/jpeg;base64,");
		assertThat(first.get("latencyMs").asDouble()).isPositive();
		long firstSeq = Long.parseLong(events.get(0).id());
		long lastSeq = Long.parseLong(events.get(4).id());
		assertThat(lastSeq).isGreaterThan(firstSeq);
	}

	@Test
	void dashboardPageIsServed() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class).value((html) -> assertThat(html).contains("poolstream"));
	}

	@Test
	void prometheusEndpointCountsDemoFrames() {
		StreamApi.awaitCondition(() -> new String(this.client.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody())
			.contains("poolstream_frames_processed_total{stream=\"demo\"}"));
	}

}
