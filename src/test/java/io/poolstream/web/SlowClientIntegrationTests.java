package io.poolstream.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.pooling.Raster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and oversized requests over raw sockets on loopback: request heads and bodies that trickle
 * in, idle connections, long request lines and large headers.
 */
@TestPropertySource(properties = { "poolstream.limits.header-timeout=1s", "poolstream.limits.body-stall-timeout=1s",
		"poolstream.limits.body-timeout=3s" })
class SlowClientIntegrationTests extends ServerIntegrationTest {

	@Test
	void idleConnectionIsClosed() throws IOException {
		try (Socket socket = openSocket()) {
			long start = System.nanoTime();

			int first = socket.getInputStream().read();

			assertThat(first).as("first byte from the server").isEqualTo(-1);
			assertThat(millisSince(start)).isBetween(800L, 5000L);
		}
	}

	@Test
	void tricklingHeadersCloseConnection() throws IOException, InterruptedException {
		try (Socket socket = openSocket()) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /api/v1/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
			long start = System.nanoTime();

			boolean closed = false;
			for (int i = 0; i < 40 && !closed; i++) {
				Thread.sleep(100);
				try {
					out.write('x');
					out.flush();
				}
				catch (IOException ex) {
					closed = true;
				}
				closed = closed || isClosed(socket);
			}

			assertThat(closed).as("connection closed while headers trickled").isTrue();
			assertThat(millisSince(start)).isBetween(500L, 4000L);
		}
	}

	@Test
	void keptAliveConnectionIsClosedAfterIdling() throws IOException {
		try (Socket socket = openSocket()) {
			send(socket, "GET /api/v1/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			String response = readHead(socket);
			long start = System.nanoTime();

			assertThat(response).startsWith("HTTP/1.1 200");
			assertThat(drain(socket)).as("end of stream after the idle time").isTrue();
			assertThat(millisSince(start)).isBetween(800L, 5000L);
		}
	}

	@Test
	void stalledBodyAnswers408() throws IOException {
		try (Socket socket = openSocket()) {
			send(socket, "POST /api/v1/pool HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
					+ "Content-Length: 1000\r\n\r\n0123456789");

			String response = readAll(socket);

			assertThat(response).startsWith("HTTP/1.1 408");
			assertThat(response).contains("https://poolstream.dev/problems/request-timeout");
			assertThat(response).contains("body-stall-timeout");
		}
	}

	@Test
	void slowBodyAnswers408AfterTotalTimeout() throws IOException, InterruptedException {
		try (Socket socket = openSocket()) {
			send(socket, "POST /api/v1/pool HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
					+ "Content-Length: 1000\r\n\r\n");
			long start = System.nanoTime();

			for (int i = 0; i < 20 && socket.getInputStream().available() == 0; i++) {
				Thread.sleep(400);
				send(socket, "x");
			}
			String response = readAll(socket);

			assertThat(response).startsWith("HTTP/1.1 408");
			assertThat(response).contains("body-timeout").doesNotContain("stalled");
			assertThat(millisSince(start)).isBetween(2500L, 7000L);
		}
	}

	@Test
	void longFrameUploadOutlivesTotalTimeout() throws IOException, InterruptedException {
		byte[] frame = new ImageEncoder(85).encode(new Raster(8, 8, 1, new byte[64]), ImageFormat.JPEG);
		try (Socket socket = openSocket()) {
			send(socket, "POST /api/v1/streams/slow-upload/frames HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");

			for (int i = 0; i < 9; i++) {
				Thread.sleep(500);
				sendChunk(socket, frame);
			}
			send(socket, "0\r\n\r\n");
			String response = readHead(socket);

			assertThat(response).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void uploadAfterContinueOutlivesHeaderTimeout() throws IOException, InterruptedException {
		byte[] frame = new ImageEncoder(85).encode(new Raster(8, 8, 1, new byte[64]), ImageFormat.JPEG);
		try (Socket socket = openSocket()) {
			send(socket, "POST /api/v1/streams/continue-upload/frames HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n"
					+ "Expect: 100-continue\r\n\r\n");
			sendChunk(socket, frame);

			assertThat(readHead(socket)).startsWith("HTTP/1.1 100");
			for (int i = 0; i < 6; i++) {
				Thread.sleep(500);
				sendChunk(socket, frame);
			}
			send(socket, "0\r\n\r\n");

			assertThat(readHead(socket)).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void longRequestLineAnswers414() throws IOException {
		try (Socket socket = openSocket()) {
			send(socket, "GET /api/v1/streams/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

			assertThat(readHead(socket)).startsWith("HTTP/1.1 414");
		}
	}

	@Test
	void largeHeadersAnswer431() throws IOException {
		try (Socket socket = openSocket()) {
			send(socket, "GET /api/v1/streams HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "b".repeat(9000)
					+ "\r\n\r\n");

			assertThat(readHead(socket)).startsWith("HTTP/1.1 431");
		}
	}


	private Socket openSocket() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	private static void sendChunk(Socket socket, byte[] data) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(data);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Reads up to the blank line after the response headers.
	 */
	private static String readHead(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int value;
		while ((value = in.read()) != -1) {
			head.write(value);
			String text = head.toString(StandardCharsets.ISO_8859_1);
			if (text.endsWith("\r\n\r\n")) {
				return text;
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads until the server closes the connection or the socket timeout passes.
	 */
	private static String readAll(Socket socket) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			int count;
			while ((count = socket.getInputStream().read(buffer)) != -1) {
				all.write(buffer, 0, count);
			}
		}
		catch (SocketTimeoutException ex) {
			// The response is complete; the connection merely stayed open.
		}
		return all.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads and drops bytes until the server closes the connection, returning false on a timeout.
	 */
	private static boolean drain(Socket socket) throws IOException {
		byte[] buffer = new byte[4096];
		try {
			while (socket.getInputStream().read(buffer) != -1) {
				// Skips the rest of the response body.
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

	private static boolean isClosed(Socket socket) throws IOException {
		if (socket.getInputStream().available() > 0) {
			return false;
		}
		int previous = socket.getSoTimeout();
		socket.setSoTimeout(1);
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
		finally {
			socket.setSoTimeout(previous);
		}
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
