package io.poolstream.web;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.poolstream.PoolstreamApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup warm-up, on a server that the test starts itself. Readiness returns 503 while the
 * warm-up runs and 200 after it, and the server serves requests meanwhile. The loopback phase
 * sends events through the server's own HTTP API and leaves no stream behind.
 */
class WarmUpIntegrationTests {

	private ConfigurableApplicationContext context;


	@BeforeAll
	static void installBlockHound() {
		ServerIntegrationTest.BlockHoundSupport.install();
	}

	@AfterEach
	void closeServer() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void readinessWaitsForWarmUp() {
		// One worker and 400 frames take seconds, far longer than the first probe below.
		this.context = new SpringApplicationBuilder(PoolstreamApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--poolstream.demo.enabled=false", "--poolstream.processing.threads=1",
				"--poolstream.warm-up.frames=400", "--poolstream.warm-up.loopback-frames=60");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

		client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
		client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		StreamApi.awaitCondition(() -> client.get().uri("/actuator/health/readiness").exchange()
			.returnResult(String.class).getStatus().value() == 200);
		client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void loopbackWarmUpSendsEventsAndRemovesItsStream() {
		// 60 frames read by 4 subscribers make at most 240 frame events.
		this.context = new SpringApplicationBuilder(PoolstreamApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--poolstream.demo.enabled=false", "--poolstream.warm-up.frames=20",
				"--poolstream.warm-up.loopback-frames=60", "--poolstream.warm-up.loopback-subscribers=4");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
		HealthIndicator warmUp = this.context.getBean("warmUpHealthIndicator", HealthIndicator.class);

		StreamApi.awaitCondition(() -> client.get().uri("/actuator/health/readiness").exchange()
			.returnResult(String.class).getStatus().value() == 200);

		Health health = warmUp.health();
		Map<String, Object> details = health.getDetails();
		assertThat(details).containsEntry("warmUp", "done").containsEntry("frames", 20L);
		assertThat((Long) details.get("loopbackEvents")).isBetween(1L, 240L);
		client.get().uri("/api/v1/streams").exchange().expectStatus().isOk().expectBody().json("[]");
		String metrics = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.returnResult(String.class).getResponseBody().collectList().block().stream().reduce("", String::concat);
		assertThat(metrics).doesNotContain("stream=\"warm-up");
	}

}
