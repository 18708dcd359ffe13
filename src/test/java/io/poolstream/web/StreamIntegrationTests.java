package io.poolstream.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

class StreamIntegrationTests extends ServerIntegrationTest {

	private static final String MPJPEG = "video/car-detection_10s.mpjpeg";

	private static final int CLIP_FRAMES = 125;

	private static final Duration TIMEOUT = StreamApi.TIMEOUT;


	private StreamApi streams;


	@org.junit.jupiter.api.BeforeEach
	void createApi() {
		this.streams = new StreamApi(this.client);
	}

	@Test
	void mpjpegBodyResultsArriveInOrder() throws Exception {
		this.streams.put("e2e-buffer", Map.of("policy", "buffer", "capacity", 256));
		CompletableFuture<List<ServerSentEvent<String>>> received = SseClient.collect(
				SseClient.events(this.webClient, "e2e-buffer", null), SseClient::isFrame, CLIP_FRAMES, TIMEOUT);
		this.streams.awaitSubscribers("e2e-buffer", 1);

		this.client.post()
			.uri("/api/v1/streams/e2e-buffer/frames")
			.contentType(MediaType.parseMediaType("multipart/x-mixed-replace;boundary=ffmpeg"))
			.bodyValue(TestData.bytes(MPJPEG))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.frames").isEqualTo(CLIP_FRAMES)
			.jsonPath("$.accepted").isEqualTo(CLIP_FRAMES)
			.jsonPath("$.rejected").isEqualTo(0);

		List<ServerSentEvent<String>> events = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(events).hasSize(CLIP_FRAMES);
		for (int i = 0; i < CLIP_FRAMES; i++) {
			ServerSentEvent<String> event = events.get(i);
			JsonNode data = SseClient.data(event);
			assertThat(event.id()).isEqualTo(Integer.toString(i + 1));
			assertThat(data.get("seq").asLong()).isEqualTo(i + 1);
			assertThat(data.get("input").get("width").asInt()).isEqualTo(768);
			assertThat(data.get("output").get("width").asInt()).isEqualTo(384);
			assertThat(data.get("output").get("height").asInt()).isEqualTo(216);
		}
	}

	@Test
	void untypedBodyIsSplitBySniffing() {
		this.streams.put("sniffed", Map.of("policy", "buffer", "capacity", 256));

		this.client.post()
			.uri("/api/v1/streams/sniffed/frames")
			.bodyValue(TestData.bytes("video/car-detection_10s.mjpeg"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.frames").isEqualTo(CLIP_FRAMES)
			.jsonPath("$.accepted").isEqualTo(CLIP_FRAMES);
	}

	@Test
	void latestPolicyKeepsNewestAndCountsDrops() {
		this.streams.put("e2e-latest", Map.of("policy", "latest"));

		this.client.post()
			.uri("/api/v1/streams/e2e-latest/frames")
			.contentType(MediaType.parseMediaType("multipart/x-mixed-replace;boundary=ffmpeg"))
			.bodyValue(TestData.bytes(MPJPEG))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.accepted").isEqualTo(CLIP_FRAMES)
			.jsonPath("$.dropped").value((Integer dropped) -> assertThat(dropped).isPositive());

		StreamApi.awaitCondition(() -> this.streams.stats("e2e-latest").get("processed").asLong()
				+ this.streams.stats("e2e-latest").get("dropped").asLong() == CLIP_FRAMES);
		JsonNode stats = this.streams.stats("e2e-latest");
		assertThat(stats.get("dropped").asLong()).isPositive();
		assertThat(stats.get("lastSeq").asLong()).isEqualTo(CLIP_FRAMES);
	}

	@Test
	void badFrameBecomesErrorEvent() throws Exception {
		this.streams.put("faulty", Map.of("policy", "buffer", "capacity", 8));
		CompletableFuture<List<ServerSentEvent<String>>> received = SseClient.collect(
				SseClient.events(this.webClient, "faulty", null), SseClient::isNamed, 2, TIMEOUT);
		this.streams.awaitSubscribers("faulty", 1);

		this.streams.pushOne("faulty", TestData.bytes("hostile/rocket_truncated_60pct.jpg"), 1);
		this.streams.pushOne("faulty", TestData.bytes("photos/rocket_640x427.jpg"), 2);

		List<ServerSentEvent<String>> events = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(events.get(0).event()).isEqualTo("error");
		assertThat(events.get(0).id()).isEqualTo("1");
		JsonNode error = SseClient.data(events.get(0));
		assertThat(error.get("status").asInt()).isEqualTo(422);
		assertThat(error.get("detail").asString()).isNotBlank();
		assertThat(events.get(1).event()).isEqualTo("frame");
		assertThat(SseClient.data(events.get(1)).get("output").get("width").asInt()).isEqualTo(320);
	}

	@Test
	void singleImageIsAcceptedAndItsResultFetched() {
		this.streams.put("single", Map.of("policy", "buffer", "capacity", 4));

		this.streams.pushOne("single", TestData.bytes("photos/rocket_640x427.jpg"), 1);

		StreamApi.awaitCondition(() -> this.streams.stats("single").get("processed").asLong() == 1);
		this.client.get().uri("/api/v1/streams/single/frames/1").exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_JPEG);
		this.client.get().uri("/api/v1/streams/single/frames/latest").exchange()
			.expectStatus().isOk();
		this.client.get().uri("/api/v1/streams/single/frames/1/source").exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_JPEG)
			.expectBody(byte[].class).isEqualTo(TestData.bytes("photos/rocket_640x427.jpg"));
		this.client.get().uri("/api/v1/streams/single/frames/99").exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/result-not-found");
	}

	@Test
	void resumeReplaysNewerResults() throws Exception {
		this.streams.put("resume", Map.of("policy", "buffer", "capacity", 8));
		for (int seq = 1; seq <= 4; seq++) {
			this.streams.pushOne("resume", TestData.bytes("formats/jpeg/chelsea_baseline_420.jpg"), seq);
		}
		StreamApi.awaitCondition(() -> this.streams.stats("resume").get("processed").asLong() == 4);

		List<ServerSentEvent<String>> events = SseClient.collect(SseClient.events(this.webClient, "resume", 2L),
				SseClient::isFrame, 2, TIMEOUT).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThat(events).extracting(ServerSentEvent::id).containsExactly("3", "4");
	}

	@Test
	void streamLifecycleAndInvalidIds() {
		this.streams.put("lifecycle", Map.of("policy", "drop-oldest", "capacity", 3));

		this.client.get().uri("/api/v1/streams/lifecycle").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.backpressure.policy").isEqualTo("drop-oldest")
			.jsonPath("$.backpressure.capacity").isEqualTo(3)
			.jsonPath("$.stages[0]").isNotEmpty();
		this.client.get().uri("/api/v1/streams").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[?(@.id == 'lifecycle')]").exists();
		this.client.delete().uri("/api/v1/streams/lifecycle").exchange().expectStatus().isNoContent();
		this.client.get().uri("/api/v1/streams/lifecycle").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/unknown-stream");
		this.client.put().uri("/api/v1/streams/" + "x".repeat(65)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}").exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/invalid-stream-id");
		this.client.get().uri("/api/v1/streams/bad%0Aid/events").exchange()
			.expectStatus().isBadRequest();
		this.client.put().uri("/api/v1/streams/%2E%2E%2E").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}").exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void invalidPipelineNamesTheField() {
		this.client.put()
			.uri("/api/v1/streams/broken")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"pipeline\": [{\"mode\": \"avg\", \"kernel\": 3, \"padding\": 2}]}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("pipeline[0].padding");
		this.client.put()
			.uri("/api/v1/streams/broken")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"backpressure\": {\"policy\": \"fastest\"}}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("backpressure.policy");
		this.client.put()
			.uri("/api/v1/streams/broken")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"pipline\": []}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("pipline"));
	}

	@Test
	void textBodyIsUnsupportedMediaType() {
		this.client.post()
			.uri("/api/v1/streams/texty/frames")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus().isEqualTo(415)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/unsupported-media-type");
	}

	@Test
	void fullBufferAnswers429WithRetryAfter() {
		this.streams.put("tiny", Map.of("policy", "buffer", "capacity", 1));
		byte[] photo = TestData.bytes("photos/seeding_5312x2988_progressive.jpg");
		int tooMany = 0;

		for (int i = 0; i < 8 && tooMany == 0; i++) {
			int status = this.client.post().uri("/api/v1/streams/tiny/frames").contentType(MediaType.IMAGE_JPEG)
				.bodyValue(photo).exchange().returnResult(byte[].class).getStatus().value();
			if (status == 429) {
				tooMany++;
			}
		}

		assertThat(tooMany).as("a capacity-1 buffer refuses a burst of 15 MP frames").isPositive();
		assertThat(this.streams.stats("tiny").get("rejected").asLong()).isPositive();
	}

}
