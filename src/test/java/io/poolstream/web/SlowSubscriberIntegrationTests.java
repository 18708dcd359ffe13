package io.poolstream.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.poolstream.TestData;
import io.poolstream.codec.MultipartReplaceSplitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers and producers that misbehave at the socket level: one that connects and never
 * reads, one that goes away, and a producer that drops in the middle of an upload.
 */
class SlowSubscriberIntegrationTests extends ServerIntegrationTest {

	private static final byte[] CLIP = TestData.bytes("video/car-detection_10s.mpjpeg");


	private StreamApi streams;


	@BeforeEach
	void createApi() {
		this.streams = new StreamApi(this.client);
	}

	@Test
	void subscriberThatNeverReadsDoesNotSlowOthers() throws Exception {
		this.streams.put("stalled", Map.of("policy", "buffer", "capacity", 256));
		try (Socket stalled = new Socket("127.0.0.1", this.port)) {
			// A small receive buffer fills quickly, so the server's writes to this socket back up.
			stalled.setReceiveBufferSize(4096);
			send(stalled, "GET /api/v1/streams/stalled/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
			CompletableFuture<List<ServerSentEvent<String>>> reader = SseClient.collect(
					SseClient.events(this.webClient, "stalled", null), SseClient::isFrame, 125, StreamApi.TIMEOUT);
			this.streams.awaitSubscribers("stalled", 2);

			this.client.post()
				.uri("/api/v1/streams/stalled/frames")
				.contentType(MediaType.parseMediaType("multipart/x-mixed-replace;boundary=ffmpeg"))
				.bodyValue(CLIP)
				.exchange()
				.expectStatus().isOk();

			List<ServerSentEvent<String>> received = reader.get(60, TimeUnit.SECONDS);
			assertThat(received).hasSize(125);
			assertThat(received.get(124).id()).isEqualTo("125");
			assertThat(this.streams.stats("stalled").get("processed").asLong()).isEqualTo(125);
		}
	}

	@Test
	void closedSubscriberIsRemovedWithinOneHeartbeat() throws Exception {
		this.streams.put("vanishing", Map.of("policy", "buffer", "capacity", 8));
		Socket socket = new Socket("127.0.0.1", this.port);
		send(socket, "GET /api/v1/streams/vanishing/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
		readUntil(socket.getInputStream(), "stream vanishing");
		this.streams.awaitSubscribers("vanishing", 1);

		socket.close();

		// The test server sends heartbeats every 2 s; the next one finds the socket closed.
		long start = System.nanoTime();
		StreamApi.awaitCondition(() -> this.streams.stats("vanishing").get("subscribers").asInt() == 0);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
	}

	@Test
	void uploadDroppedMidwayKeepsFramesReceivedSoFar() throws Exception {
		this.streams.put("dropped-upload", Map.of("policy", "buffer", "capacity", 256));
		int half = CLIP.length / 2;

		try (Socket producer = new Socket("127.0.0.1", this.port)) {
			send(producer, "POST /api/v1/streams/dropped-upload/frames HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: multipart/x-mixed-replace;boundary=ffmpeg\r\nTransfer-Encoding: chunked\r\n\r\n");
			OutputStream out = producer.getOutputStream();
			out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(CLIP, 0, half);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			StreamApi.awaitCondition(() -> this.streams.stats("dropped-upload").get("received").asLong() >= 60);
		}

		StreamApi.awaitCondition(() -> {
			var stats = this.streams.stats("dropped-upload");
			return stats.get("processed").asLong() == stats.get("received").asLong();
		});
		long received = this.streams.stats("dropped-upload").get("received").asLong();
		assertThat(received).isEqualTo(completeFramesIn(half));
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	/**
	 * Counts the frames of the clip that lie wholly within its first {@code length} bytes.
	 */
	private static long completeFramesIn(int length) {
		long[] count = { 0 };
		new MultipartReplaceSplitter("ffmpeg", 16 << 20).feed(CLIP, 0, length, (frame) -> count[0]++);
		return count[0];
	}

	private static void send(Socket socket, String text) throws Exception {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	private static void readUntil(InputStream input, String marker) throws Exception {
		StringBuilder seen = new StringBuilder();
		byte[] buffer = new byte[1024];
		while (!seen.toString().contains(marker)) {
			int count = input.read(buffer);
			if (count < 0) {
				throw new AssertionError("connection closed before '" + marker + "': " + seen);
			}
			seen.append(new String(buffer, 0, count, StandardCharsets.US_ASCII));
		}
	}

}
