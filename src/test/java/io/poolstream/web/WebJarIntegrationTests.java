package io.poolstream.web;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

/**
 * Checks that the dashboard's WebJar files are served under BlockHound, which fails a request
 * that reads the JAR file on a Netty event loop.
 */
class WebJarIntegrationTests extends ServerIntegrationTest {

	@Test
	void uplotIsServedWithoutVersionInPath() {
		this.client.get()
			.uri("/webjars/uplot/dist/uPlot.iife.min.js")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"));

		this.client.get()
			.uri("/webjars/uplot/dist/uPlot.min.css")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/css"));
	}

}
