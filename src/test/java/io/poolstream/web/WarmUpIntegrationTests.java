package io.poolstream.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.poolstream.PoolstreamApplication;

/**
 * The startup warm-up, on a server that the test starts itself: readiness returns 503 while the
 * warm-up runs and 200 after, while the server already serves requests.
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
				"--poolstream.warm-up.frames=400");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

		client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
		client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		StreamApi.awaitCondition(() -> client.get().uri("/actuator/health/readiness").exchange()
			.returnResult(String.class).getStatus().value() == 200);
		client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
