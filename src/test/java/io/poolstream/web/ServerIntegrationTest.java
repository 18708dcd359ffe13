package io.poolstream.web;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import reactor.blockhound.BlockHound;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Base of the tests that talk to a running server over real HTTP on loopback.
 *
 * <p>BlockHound is installed first, so any blocking call on a Netty event loop or a Reactor
 * non-blocking thread fails the request that made it. Writing a log line is allowed, because the
 * console appender's write is not what these tests are about, and so is the test client's own
 * multipart boundary generation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "poolstream.demo.enabled=false", "poolstream.streams.heartbeat=2s" })
public abstract class ServerIntegrationTest {

	@LocalServerPort
	protected int port;

	protected WebTestClient client;

	protected WebClient webClient;


	@BeforeAll
	static void installBlockHound() {
		BlockHoundSupport.install();
	}

	@BeforeEach
	void connect() {
		this.client = WebTestClient.bindToServer()
			.baseUrl(baseUrl())
			.responseTimeout(Duration.ofSeconds(60))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
		this.webClient = WebClient.builder()
			.baseUrl(baseUrl())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}


	/**
	 * Installs BlockHound once per JVM.
	 */
	static final class BlockHoundSupport {

		private static boolean installed;

		private BlockHoundSupport() {
		}

		static synchronized void install() {
			if (installed) {
				return;
			}
			BlockHound.install((builder) -> builder
				.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
				.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
				// The tests' own multipart client draws boundaries from SecureRandom, which reads /dev/urandom.
				.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary"));
			installed = true;
		}

	}

}
