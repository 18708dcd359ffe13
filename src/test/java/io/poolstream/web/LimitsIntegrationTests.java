package io.poolstream.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every size limit returns 413 with a problem that names the limit, on a server with small limits.
 */
@TestPropertySource(properties = { "poolstream.limits.max-image-bytes=1MB", "poolstream.limits.max-pixels=1000000",
		"poolstream.limits.max-frame-bytes=64KB", "poolstream.limits.max-tensor-elements=1000",
		"spring.http.codecs.max-in-memory-size=256KB" })
class LimitsIntegrationTests extends ServerIntegrationTest {

	@Test
	void declaredBodyOverLimitIsRefusedBeforeReading() {
		this.client.post()
			.uri("/api/v1/pool")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(TestData.bytes("photos/seeding_5312x2988_progressive.jpg"))
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/payload-too-large")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("1 MB", "max-image-bytes"));
	}

	@Test
	void chunkedBodyOverLimitIs413() {
		byte[] photo = TestData.bytes("photos/seeding_5312x2988_progressive.jpg");
		Flux<DataBuffer> chunked = Flux.range(0, (photo.length + 65535) / 65536)
			.map((index) -> DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(photo,
					index * 65536, Math.min(photo.length, (index + 1) * 65536))));

		this.client.post()
			.uri("/api/v1/pool")
			.contentType(MediaType.IMAGE_JPEG)
			.body(chunked, DataBuffer.class)
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/payload-too-large");
	}

	@Test
	void imageOverPixelLimitIsRefusedFromHeader() {
		this.client.post()
			.uri("/api/v1/pool")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(TestData.bytes("photos/storm_1920x1280_422_exif.jpg"))
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/image-too-large")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("1920x1280", "megapixel"));
	}

	@Test
	void frameOverFrameLimitEndsUploadWith413() {
		byte[] large = TestData.bytes("photos/rocket_640x427.jpg");
		byte[] twoFrames = new byte[large.length * 2];
		System.arraycopy(large, 0, twoFrames, 0, large.length);
		System.arraycopy(large, 0, twoFrames, large.length, large.length);

		this.client.post()
			.uri("/api/v1/streams/limited/frames")
			.contentType(MediaType.parseMediaType("video/x-motion-jpeg"))
			.bodyValue(twoFrames)
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("max-frame-bytes"));
	}

	@Test
	void tensorOverElementLimitIsRefusedBeforeAllocation() {
		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("op", Map.of("mode", "max"), "input",
					Map.of("shape", new int[] { 100000, 100000 }, "data", new int[] { 1 })))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("input.shape")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("1000 elements"));
	}

	@Test
	void jsonOverCodecLimitIs413() {
		StringBuilder data = new StringBuilder("[");
		for (int i = 0; i < 100_000; i++) {
			data.append(i).append(',');
		}
		data.append("0]");

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"op\": {\"mode\": \"max\"}, \"input\": {\"shape\": [2, 2], \"data\": " + data + "}}")
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/payload-too-large");
	}

	@Test
	void tensorOutputOverElementLimitIsRefused() {
		// 10 elements in, but adaptive pooling to 20 x 20 would give 10 x 400 = 4000 elements out.
		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("op", Map.of("mode", "avg", "outputSize", 20), "input",
					Map.of("shape", new int[] { 10, 1, 1 }, "data", new int[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("op.outputSize")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("[10, 20, 20]", "1000 elements"));
	}

	@Test
	void deeplyNestedJsonIsRejected() {
		String nested = "[".repeat(40) + "1" + "]".repeat(40);

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"op\": {\"mode\": \"max\"}, \"input\": {\"shape\": [1, 1], \"data\": " + nested + "}}")
			.exchange()
			.expectStatus().isEqualTo(400)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/invalid-request")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("nesting depth",
					"poolstream.limits.max-json-depth"));
	}

	@Test
	void longJsonStringIsRejected() {
		this.client.put()
			.uri("/api/v1/streams/long-string")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"output\": {\"format\": \"" + "j".repeat(20_000) + "\"}}")
			.exchange()
			.expectStatus().isEqualTo(400)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/invalid-request")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("String value length",
					"poolstream.limits.max-json-string-length"));
	}

}
