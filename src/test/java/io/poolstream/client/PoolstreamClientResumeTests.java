package io.poolstream.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumes the result feed against a scripted event server on loopback, which closes each
 * connection after a few events and replays events the client has already seen.
 */
class PoolstreamClientResumeTests {

	private static final List<String> SCRIPTS = List.of(
			frame(1) + frame(2) + frame(3)
					+ "event: error\nid: 4\ndata: {\"stream\":\"s\",\"seq\":4,\"title\":\"Corrupt image\",\"status\":422}\n\n",
			": heartbeat\n\n" + frame(3) + frame(4) + frame(5)
					+ "event: gap\ndata: {\"stream\":\"s\",\"missed\":2,\"from\":6,\"to\":7}\n\n"
					+ "event: future\ndata: {\"stream\":\"s\"}\n\n"
					+ "event: lagged\ndata: {\"stream\":\"s\",\"dropped\":3}\n\n",
			frame(5) + frame(8));


	private HttpServer server;

	private final List<String> lastEventIds = new CopyOnWriteArrayList<>();


	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/v1/streams/s/events", this::serve);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private void serve(HttpExchange exchange) throws IOException {
		String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
		this.lastEventIds.add(String.valueOf(lastEventId));
		int connection = Math.min(this.lastEventIds.size(), SCRIPTS.size()) - 1;
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(SCRIPTS.get(connection).getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void resumedFeedSkipsReplayedEvents() {
		PoolstreamClient poolstream = PoolstreamClient.builder("http://127.0.0.1:" + this.server.getAddress().getPort())
			.reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
			.build();

		List<StreamEvent> events = poolstream.results("s").take(8).collectList().block(Duration.ofSeconds(30));

		assertThat(events).containsExactly(result(1), result(2), result(3),
				new StreamEvent.Failure("s", 4, null, "Corrupt image", 422, null), result(5),
				new StreamEvent.Gap("s", 2, 6, 7), new StreamEvent.Lagged("s", 3), result(8));
		assertThat(this.lastEventIds).startsWith("null", "4", "5");
	}

	private static String frame(long seq) {
		return "event: frame\nid: " + seq + "\ndata: {\"stream\":\"s\",\"seq\":" + seq + ",\"latencyMs\":1.5}\n\n";
	}

	private static StreamEvent.Result result(long seq) {
		return new StreamEvent.Result("s", seq, null, null, 1.5, null, null, null, null, null, null, null, null);
	}

}
