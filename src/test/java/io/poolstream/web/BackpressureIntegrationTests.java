package io.poolstream.web;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The block and error policies and the server-wide cap over real HTTP, and the drop and rejection
 * counters they leave on the Prometheus endpoint. The cap is lowered to 6 frames so that a few
 * large photos reach it.
 */
@TestPropertySource(properties = { "poolstream.limits.max-frames-held=6", "poolstream.processing.threads=1" })
class BackpressureIntegrationTests extends ServerIntegrationTest {

	private static final String MPJPEG = "video/car-detection_10s.mpjpeg";

	private static final int CLIP_FRAMES = 125;

	private static final MediaType MIXED_REPLACE = MediaType.parseMediaType("multipart/x-mixed-replace;boundary=ffmpeg");


	private StreamApi streams;


	@BeforeEach
	void createApi() {
		this.streams = new StreamApi(this.client);
	}

	/**
	 * Deletes every stream, which cancels its frames and returns their share of the server's cap,
	 * so no test starts with the cap taken.
	 */
	@AfterEach
	void deleteStreams() {
		byte[] body = this.client.get().uri("/api/v1/streams").exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		for (JsonNode stream : JsonMapper.builder().build().readTree(body)) {
			this.client.delete().uri("/api/v1/streams/" + stream.get("id").asString()).exchange();
		}
	}

	@Test
	void blockPolicyAcceptsEveryFrameOfLongBody() {
		this.streams.put("blocking", Map.of("policy", "block", "capacity", 1));

		this.client.post()
			.uri("/api/v1/streams/blocking/frames")
			.contentType(MIXED_REPLACE)
			.bodyValue(TestData.bytes(MPJPEG))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.frames").isEqualTo(CLIP_FRAMES)
			.jsonPath("$.accepted").isEqualTo(CLIP_FRAMES)
			.jsonPath("$.dropped").isEqualTo(0)
			.jsonPath("$.rejected").isEqualTo(0);

		StreamApi.awaitCondition(() -> this.streams.stats("blocking").get("processed").asLong() == CLIP_FRAMES);
		JsonNode stats = this.streams.stats("blocking");
		assertThat(stats.get("dropped").asLong()).isZero();
		assertThat(stats.get("rejected").asLong()).isZero();
	}

	@Test
	void errorPolicyEndsLongBodyWith429() {
		this.streams.put("strict", Map.of("policy", "error", "capacity", 1));

		this.client.post()
			.uri("/api/v1/streams/strict/frames")
			.contentType(MIXED_REPLACE)
			.bodyValue(TestData.bytes(MPJPEG))
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().valueEquals("Retry-After", "1")
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/stream-full");

		assertThat(this.streams.stats("strict").get("rejected").asLong()).isEqualTo(1);
		assertThat(prometheus()).contains("poolstream_frames_rejected_total{reason=\"queue-full\",stream=\"strict\"} 1.0");
	}

	@Test
	void serverCapReturns503AcrossStreams() {
		byte[] photo = TestData.bytes("photos/seeding_5312x2988_progressive.jpg");
		int saturated = 0;
		String retryAfter = null;

		for (int i = 0; i < 6; i++) {
			this.streams.put("capped-" + i, Map.of("policy", "buffer", "capacity", 8));
		}

		// Six streams of capacity 8 could hold 48 frames, but the server keeps at most 6.
		for (int i = 0; i < 24 && saturated == 0; i++) {
			String stream = "capped-" + (i % 6);
			var result = this.client.post().uri("/api/v1/streams/" + stream + "/frames").contentType(MediaType.IMAGE_JPEG)
				.bodyValue(photo).exchange().returnResult(byte[].class);
			if (result.getStatus().value() == 503) {
				saturated++;
				retryAfter = result.getResponseHeaders().getFirst("Retry-After");
			}
		}

		assertThat(saturated).as("a 503 once 6 frames are held").isPositive();
		assertThat(retryAfter).isEqualTo("1");
		assertThat(prometheus()).containsPattern("poolstream_frames_rejected_total\\{reason=\"saturated\",stream=\"capped-\\d\"}");
	}

	@Test
	void latestDropsAreCountedByReason() {
		this.streams.put("dropping", Map.of("policy", "latest"));
		Disposable subscriber = SseClient.events(this.webClient, "dropping", null).subscribe();
		this.streams.awaitSubscribers("dropping", 1);

		this.client.post()
			.uri("/api/v1/streams/dropping/frames")
			.contentType(MIXED_REPLACE)
			.bodyValue(TestData.bytes(MPJPEG))
			.exchange()
			.expectStatus().isOk();

		StreamApi.awaitCondition(() -> this.streams.stats("dropping").get("processed").asLong()
				+ this.streams.stats("dropping").get("dropped").asLong() == CLIP_FRAMES);
		String metrics = prometheus();
		assertThat(metrics).containsPattern("poolstream_frames_dropped_total\\{reason=\"latest\",stream=\"dropping\"} [1-9]");
		assertThat(metrics).contains("poolstream_frames_received_total{stream=\"dropping\"} 125.0");
		assertThat(metrics).contains("poolstream_stream_queue{stream=\"dropping\"}");
		assertThat(metrics).contains("poolstream_stream_subscribers{stream=\"dropping\"} 1.0");
		subscriber.dispose();
		assertThat(metrics).contains("poolstream_frame_latency_seconds_bucket{");
	}

	private String prometheus() {
		return new String(this.client.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody());
	}

}
