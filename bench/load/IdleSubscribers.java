import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many idle server-sent event connections to a poolstream server on loopback, keeps them
 * open without reading, and closes them when told to on standard input. Each connection is
 * counted as open once the server's first comment line arrived.
 *
 * <p>Usage: {@code java IdleSubscribers.java PORT COUNT STREAMS}
 */
public class IdleSubscribers {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int count = Integer.parseInt(args[1]);
		int streams = Integer.parseInt(args[2]);
		if (count > 20_000 || streams > 200) {
			throw new IllegalArgumentException("at most 20000 connections over 200 streams, got " + count + " over " + streams);
		}

		List<Socket> sockets = new ArrayList<>(count);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/streams/idle-" + (i % streams) + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			awaitFirstComment(socket.getInputStream(), i);
			sockets.add(socket);
		}
		System.out.printf("opened %d idle subscribers over %d streams in %.1f s%n", sockets.size(), streams,
				(System.nanoTime() - start) / 1e9);
		System.out.flush();

		// Holds the connections until the calling script has measured the server.
		System.in.read();
		for (Socket socket : sockets) {
			socket.close();
		}
		System.out.println("closed " + sockets.size() + " subscribers");
	}

	private static void awaitFirstComment(InputStream input, int index) throws Exception {
		StringBuilder seen = new StringBuilder();
		byte[] buffer = new byte[512];
		while (!seen.toString().contains("\n:")) {
			int read = input.read(buffer);
			if (read < 0) {
				throw new IllegalStateException("subscriber " + index + " was closed before the stream opened: " + seen);
			}
			seen.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
		}
	}

}
