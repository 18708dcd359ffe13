package io.poolstream.web;

import java.time.Duration;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that talk to a running server over real HTTP on loopback.
 *
 * <p>BlockHound is installed first, so any blocking call on a Netty event loop or a Reactor
 * non-blocking thread fails the request that made it, and is recorded so that the class fails
 * even where Netty swallows the error. Writing a log line is allowed, because the
 * console appender's write is not what these tests are about, and so is the test client's own
 * multipart boundary generation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "poolstream.demo.enabled=false", "poolstream.warm-up.enabled=false",
				"poolstream.streams.heartbeat=2s" })
public abstract class ServerIntegrationTest {

	@LocalServerPort
	protected int port;

	protected WebTestClient client;

	protected WebClient webClient;


	@BeforeAll
	static void installBlockHound() {
		BlockHoundSupport.install();
	}

	@AfterAll
	static void assertNothingBlocked() {
		assertThat(BlockHoundSupport.BLOCKING_CALLS).as("blocking calls on non-blocking threads").isEmpty();
	}

	@BeforeEach
	void connect() {
		// A new connection per request: the server rejects some requests before reading their body
		// and then closes the connection, which a pooled client could pick up again for the next request.
		this.client = WebTestClient.bindToServer(new ReactorClientHttpConnector(
				HttpClient.create(ConnectionProvider.newConnection())))
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

		/** Every blocking call seen, kept because Netty may swallow the error thrown on its thread. */
		static final Queue<BlockingOperationError> BLOCKING_CALLS = new ConcurrentLinkedQueue<>();

		private BlockHoundSupport() {
		}

		static synchronized void install() {
			if (installed) {
				return;
			}
			BlockHound.install((builder) -> builder
				.blockingMethodCallback((method) -> {
					BLOCKING_CALLS.add(new BlockingOperationError(method));
					throw new BlockingOperationError(method);
				})
				.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
				.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
				// Handing work from an event loop to the processing scheduler enqueues it in the bounded
				// ArrayBlockingQueue, whose lock a worker may hold for a moment; Reactor allows the
				// same brief wait for its own executors' queues. Starting a core worker takes the pool's lock once.
				.allowBlockingCallsInside("java.util.concurrent.ArrayBlockingQueue", "offer")
				.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "addWorker")
				// Netty 4.2's adaptive buffer allocator frees a magazine under a StampedLock's write lock,
				// held for a moment, when it grows under contention. Netty's own BlockHound integration
				// in 4.2.15 does not list that path, and one CI run failed on it.
				.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
				// The tests' own multipart client draws boundaries from SecureRandom, which reads /dev/urandom.
				.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary"));
			installed = true;
		}

	}

}
