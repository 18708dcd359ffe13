package io.poolstream.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import io.poolstream.LoopbackProxy;
import io.poolstream.TestData;
import io.poolstream.codec.ConcatenatedJpegSplitter;
import io.poolstream.web.ServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives a running server through the reactive client only: pushes the shared clip, reads the
 * results, and resumes the result feed through a proxy whose connections are cut.
 */
class PoolstreamClientIntegrationTests extends ServerIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final List<byte[]> CLIP = splitClip();

	private static final JsonMapper json = JsonMapper.builder().build();


	private static List<byte[]> splitClip() {
		byte[] clip = TestData.bytes("video/car-detection_10s.mjpeg");
		List<byte[]> frames = new ArrayList<>();
		ConcatenatedJpegSplitter splitter = new ConcatenatedJpegSplitter(1 << 20);
		splitter.feed(clip, 0, clip.length, frames::add);
		splitter.finish(frames::add);
		return frames;
	}

	@Test
	void pushedClipYieldsAllResultsInOrder() throws Exception {
		PoolstreamClient poolstream = PoolstreamClient.create(baseUrl());
		createBufferStream("client-push");
		CompletableFuture<List<StreamEvent.Result>> received = poolstream.results("client-push")
			.ofType(StreamEvent.Result.class)
			.take(CLIP.size())
			.collectList()
			.toFuture();
		awaitSubscribers("client-push", 1);

		PushSummary summary = poolstream.push("client-push", Flux.fromIterable(CLIP)).block(TIMEOUT);

		assertThat(CLIP).hasSize(125);
		assertThat(summary).isNotNull();
		assertThat(summary.frames()).isEqualTo(125);
		assertThat(summary.accepted()).isEqualTo(125);
		assertThat(summary.rejected()).isZero();
		assertThat(summary.firstSeq()).isEqualTo(1);
		assertThat(summary.lastSeq()).isEqualTo(125);
		List<StreamEvent.Result> results = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(results).extracting(StreamEvent.Result::seq)
			.containsExactlyElementsOf(sequence(1, 125));
		for (StreamEvent.Result result : results) {
			assertThat(result.stream()).isEqualTo("client-push");
			assertThat(result.input().width()).isEqualTo(768);
			assertThat(result.output().width()).isEqualTo(384);
			assertThat(result.receivedAt()).isNotNull();
			assertThat(result.url()).isEqualTo("/api/v1/streams/client-push/frames/" + result.seq());
		}
	}

	@Test
	void resultsResumeAfterCutConnections() throws Exception {
		createBufferStream("client-resume");
		try (LoopbackProxy proxy = new LoopbackProxy(this.port)) {
			PoolstreamClient throughProxy = PoolstreamClient.builder("http://127.0.0.1:" + proxy.port())
				.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
				.build();
			List<StreamEvent> received = new CopyOnWriteArrayList<>();
			Disposable subscription = throughProxy.results("client-resume").subscribe(received::add);
			awaitSubscribers("client-resume", 1);

			// Frames go straight to the server at about 60 per second, while the proxy cuts the
			// event connection twice.
			CompletableFuture<PushSummary> pushed = PoolstreamClient.create(baseUrl())
				.push("client-resume", Flux.fromIterable(CLIP).delayElements(Duration.ofMillis(16)))
				.toFuture();
			awaitCondition(() -> received.size() >= 30);
			proxy.cutConnections();
			awaitCondition(() -> received.size() >= 70 && proxy.forwardedRequests().size() >= 2);
			proxy.cutConnections();
			PushSummary summary = pushed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			awaitCondition(() -> received.size() >= 125);
			Thread.sleep(300);
			subscription.dispose();

			assertThat(summary.accepted()).isEqualTo(125);
			assertThat(received).allMatch((event) -> event instanceof StreamEvent.Result);
			assertThat(received).extracting((event) -> ((StreamEvent.Result) event).seq())
				.containsExactlyElementsOf(sequence(1, 125));
			List<String> heads = proxy.forwardedRequests();
			assertThat(heads.size()).as("connections through the proxy").isGreaterThanOrEqualTo(3);
			assertThat(heads.get(0)).doesNotContainIgnoringCase("Last-Event-ID");
			long resumedAfter = lastEventId(heads.get(1));
			assertThat(resumedAfter).as("first resume happened mid-clip").isBetween(30L, 124L);
		}
	}

	@Test
	void cancellingResultsClosesConnection() {
		PoolstreamClient poolstream = PoolstreamClient.create(baseUrl());
		createBufferStream("client-cancel");
		Disposable subscription = poolstream.results("client-cancel").subscribe();
		awaitSubscribers("client-cancel", 1);

		subscription.dispose();

		awaitCondition(() -> stats("client-cancel").get("subscribers").asInt() == 0);
	}

	@Test
	void pushOneReturnsSequenceNumber() {
		PoolstreamClient poolstream = PoolstreamClient.create(baseUrl());
		createBufferStream("client-one");

		Long first = poolstream.pushOne("client-one", CLIP.get(0), MediaType.IMAGE_JPEG).block(TIMEOUT);
		Long second = poolstream.pushOne("client-one", CLIP.get(1), MediaType.IMAGE_JPEG).block(TIMEOUT);

		assertThat(first).isEqualTo(1L);
		assertThat(second).isEqualTo(2L);
	}

	@Test
	void invalidStreamIdFailsWithProblem() {
		PoolstreamClient poolstream = PoolstreamClient.create(baseUrl());

		assertThatThrownBy(() -> poolstream.pushOne("no spaces", CLIP.get(0), MediaType.IMAGE_JPEG).block(TIMEOUT))
			.isInstanceOfSatisfying(PoolstreamClientException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.type()).isEqualTo("https://poolstream.dev/problems/invalid-stream-id");
			});
		assertThatThrownBy(() -> poolstream.results("no spaces").blockFirst(TIMEOUT))
			.isInstanceOfSatisfying(PoolstreamClientException.class, (ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	private static long lastEventId(String requestHead) {
		for (String line : requestHead.split("\r\n")) {
			if (line.regionMatches(true, 0, "Last-Event-ID:", 0, 14)) {
				return Long.parseLong(line.substring(14).trim());
			}
		}
		throw new AssertionError("no Last-Event-ID header in " + requestHead);
	}

	private void createBufferStream(String id) {
		this.client.put()
			.uri("/api/v1/streams/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("backpressure", Map.of("policy", "buffer", "capacity", 256), "retention", 256))
			.exchange()
			.expectStatus().value((status) -> assertThat(status).isIn(200, 201));
	}

	private JsonNode stats(String id) {
		byte[] body = this.client.get().uri("/api/v1/streams/" + id).exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		return json.readTree(body).get("stats");
	}

	private void awaitSubscribers(String id, int count) {
		awaitCondition(() -> stats(id).get("subscribers").asInt() >= count);
	}

	private static List<Long> sequence(long from, long to) {
		List<Long> numbers = new ArrayList<>();
		for (long n = from; n <= to; n++) {
			numbers.add(n);
		}
		return numbers;
	}

	private static void awaitCondition(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + TIMEOUT);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
