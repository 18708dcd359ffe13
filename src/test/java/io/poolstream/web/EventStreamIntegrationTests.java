package io.poolstream.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of an event stream as a browser or a proxy receives it: headers, the first comment,
 * which failures get an error status on connect, and a stream that outlives its subscribers.
 */
class EventStreamIntegrationTests extends ServerIntegrationTest {

	private static final Duration TIMEOUT = StreamApi.TIMEOUT;


	private StreamApi streams;


	@BeforeEach
	void createApi() {
		this.streams = new StreamApi(this.client);
	}

	@Test
	void eventStreamHeadersDisableBuffering() throws Exception {
		this.streams.put("headers", Map.of("policy", "latest"));

		String head;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			// A client that accepts gzip still gets an uncompressed stream, which no compressor holds back.
			write(socket, "GET /api/v1/streams/headers/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\nAccept-Encoding: gzip\r\n\r\n");
			head = readUntil(socket.getInputStream(), ":stream headers");
		}

		String lower = head.toLowerCase();
		assertThat(head).startsWith("HTTP/1.1 200");
		assertThat(lower).contains("content-type: text/event-stream");
		assertThat(lower).contains("x-accel-buffering: no");
		assertThat(lower).contains("cache-control: no-cache");
		assertThat(lower).doesNotContain("content-encoding");
		assertThat(head).contains(":stream headers");
	}

	@Test
	void firstCommentSetsRetry() throws Exception {
		this.streams.put("retrying", Map.of("policy", "latest"));

		String head;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			write(socket, "GET /api/v1/streams/retrying/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n");
			head = readUntil(socket.getInputStream(), "retry:2000\n");
		}

		assertThat(head).contains("retry:2000");
	}

	@Test
	void invalidIdFailsConnectButUnknownIdWaits() throws Exception {
		this.client.get().uri("/api/v1/streams/bad id!/events").exchange().expectStatus().isBadRequest();

		// A browser EventSource stops for good on a non-200 response, so a stream that does not exist
		// yet gets 200 and then its first result once a producer creates it.
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			write(socket, "GET /api/v1/streams/not-yet/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n");
			String head = readUntil(socket.getInputStream(), ":stream not-yet");
			assertThat(head).startsWith("HTTP/1.1 200");
			this.client.get().uri("/api/v1/streams/not-yet").exchange().expectStatus().isNotFound();

			this.streams.pushOne("not-yet", TestData.bytes("photos/rocket_640x427.jpg"), 1);

			assertThat(readUntil(socket.getInputStream(), "event:frame\n")).contains("id:1");
		}
	}

	@Test
	void streamOutlivesItsSubscribers() throws Exception {
		this.streams.put("lasting", Map.of("policy", "buffer", "capacity", 8));
		byte[] photo = TestData.bytes("photos/rocket_640x427.jpg");
		CompletableFuture<List<ServerSentEvent<String>>> early = SseClient.collect(
				SseClient.events(this.webClient, "lasting", null), SseClient::isFrame, 1, TIMEOUT);
		this.streams.awaitSubscribers("lasting", 1);

		this.streams.pushOne("lasting", photo, 1);

		assertThat(early.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).extracting(ServerSentEvent::id).containsExactly("1");
		StreamApi.awaitCondition(() -> this.streams.stats("lasting").get("subscribers").asInt() == 0);

		// With no subscriber left the stream still takes and processes frames, and a new subscriber
		// that resumes after 1 receives them.
		this.streams.pushOne("lasting", photo, 2);
		StreamApi.awaitCondition(() -> this.streams.stats("lasting").get("processed").asLong() == 2);
		List<ServerSentEvent<String>> late = SseClient.collect(SseClient.events(this.webClient, "lasting", 1L),
				SseClient::isFrame, 1, TIMEOUT).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(late).extracting(ServerSentEvent::id).containsExactly("2");
	}

	@Test
	void subscriberLeavingMidEventIsCleanedUp() throws Exception {
		// An inline PNG of 1280x800 makes one event far larger than the socket buffers, so closing
		// after its first bytes leaves the server in the middle of writing it.
		this.client.put()
			.uri("/api/v1/streams/midway")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("pipeline", List.of(Map.of("mode", "max", "kernel", 2)),
					"output", Map.of("format", "png", "inline", true),
					"backpressure", Map.of("policy", "buffer", "capacity", 8)))
			.exchange()
			.expectStatus().isCreated();
		byte[] photo = TestData.bytes("photos/eveningglow_2560x1600.jpg");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setReceiveBufferSize(4096);
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			write(socket, "GET /api/v1/streams/midway/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n");
			readUntil(socket.getInputStream(), ":stream midway");
			this.streams.awaitSubscribers("midway", 1);

			this.streams.pushOne("midway", photo, 1);
			readUntil(socket.getInputStream(), "data:image/png;base64,");
		}

		StreamApi.awaitCondition(() -> this.streams.stats("midway").get("subscribers").asInt() == 0);
		this.streams.pushOne("midway", photo, 2);
		List<ServerSentEvent<String>> next = SseClient.collect(SseClient.events(this.webClient, "midway", 1L),
				SseClient::isFrame, 1, TIMEOUT).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(next).extracting(ServerSentEvent::id).containsExactly("2");
	}

	private static void write(Socket socket, String request) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static String readUntil(InputStream in, String marker) throws IOException {
		StringBuilder text = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0) {
			text.append((char) b);
			if (text.indexOf(marker) >= 0) {
				return text.toString();
			}
		}
		throw new AssertionError("stream ended before '" + marker + "': " + text);
	}

}
