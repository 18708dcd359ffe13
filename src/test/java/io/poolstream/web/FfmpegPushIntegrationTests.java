package io.poolstream.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes a real video with ffmpeg as the client, as a camera would, and reads the results over SSE.
 * Needs {@code ffmpeg} on the path, which {@code .ci/run} installs.
 */
class FfmpegPushIntegrationTests extends ServerIntegrationTest {

	@Test
	void ffmpegMpjpegPushYieldsOneResultPerFrameInOrder() throws Exception {
		StreamApi support = new StreamApi(this.client);
		this.client.put()
			.uri("/api/v1/streams/cam1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("backpressure", Map.of("policy", "buffer", "capacity", 64)))
			.exchange()
			.expectStatus().value((status) -> assertThat(status).isIn(200, 201));
		List<ServerSentEvent<String>> frames = new CopyOnWriteArrayList<>();
		Disposable subscription = SseClient.events(this.webClient, "cam1", null)
			.filter(SseClient::isFrame)
			.subscribe(frames::add);
		support.awaitSubscribers("cam1", 1);

		Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-i",
				TestData.path("video/car-detection.mp4").toString(), "-t", "4", "-an", "-f", "mpjpeg", "-method", "POST",
				baseUrl() + "/api/v1/streams/cam1/frames")
			.redirectErrorStream(true)
			.start();
		boolean exited = ffmpeg.waitFor(60, TimeUnit.SECONDS);
		String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(exited).as("ffmpeg finished").isTrue();
		assertThat(ffmpeg.exitValue()).as(output).isZero();
		long received = support.stats("cam1").get("received").asLong();
		assertThat(received).as("4 s at 12.5 fps").isBetween(45L, 55L);
		StreamApi.awaitCondition(() -> frames.size() == received);
		subscription.dispose();
		for (int i = 0; i < frames.size(); i++) {
			assertThat(frames.get(i).id()).isEqualTo(Integer.toString(i + 1));
		}
		assertThat(support.stats("cam1").get("dropped").asLong()).isZero();
	}

}
