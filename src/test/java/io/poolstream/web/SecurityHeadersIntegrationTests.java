package io.poolstream.web;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * Security headers and CORS with access control off, as in the embedded demo, plus an origin
 * allowlist and HSTS switched on.
 */
@TestPropertySource(properties = { "poolstream.security.cors.allowed-origins=http://dashboard.test",
		"poolstream.security.headers.hsts-max-age=1d" })
class SecurityHeadersIntegrationTests extends ServerIntegrationTest {

	@Test
	void dashboardHasSecurityHeaders() {
		this.client.get()
			.uri("/index.html")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
					+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
					+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader().valueEquals("Strict-Transport-Security", "max-age=86400; includeSubDomains");
	}

	@Test
	void apiIsOpenAndHasSecurityHeaders() {
		this.client.get()
			.uri("/api/v1/streams")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY");
	}

	@Test
	void allowedOriginPassesPreflight() {
		this.client.options()
			.uri("/api/v1/streams/cors/frames")
			.header(HttpHeaders.ORIGIN, "http://dashboard.test")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-api-key, content-type")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://dashboard.test");

		this.client.get()
			.uri("/api/v1/streams")
			.header(HttpHeaders.ORIGIN, "http://dashboard.test")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://dashboard.test");
	}

	@Test
	void otherOriginIsRefused() {
		this.client.options()
			.uri("/api/v1/streams/cors/frames")
			.header(HttpHeaders.ORIGIN, "http://elsewhere.test")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
