package io.poolstream.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import io.poolstream.TestData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PoolEndpointIntegrationTests extends ServerIntegrationTest {

	/** Valid files of variants that ImageIO cannot decode; the service must respond with 415 naming them. */
	private static final Set<String> MAY_BE_UNSUPPORTED = Set.of("monkey12_12bit_precision.jpg",
			"testimgari_arithmetic.jpg");

	private static final Pattern SIZE_IN_NAME = Pattern.compile("_(\\d+)x(\\d+)");


	static Stream<Path> photos() {
		return TestData.files("photos").stream();
	}

	static Stream<Path> formatFiles() {
		return Stream.of("png", "pngsuite", "jpeg", "gif", "bmp", "tiff", "webp")
			.flatMap((folder) -> TestData.files("formats/" + folder).stream());
	}

	static Stream<Path> hostileFiles() {
		return TestData.files("hostile").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("photos")
	void poolsEveryPhotoToHalfSize(Path photo) throws IOException {
		byte[] body = java.nio.file.Files.readAllBytes(photo);
		Matcher size = SIZE_IN_NAME.matcher(photo.getFileName().toString());
		assertThat(size.find()).as("photo names carry their size").isTrue();

		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/api/v1/pool?mode=max&kernel=2")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(body)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.returnResult();

		BufferedImage pooled = ImageIO.read(new ByteArrayInputStream(result.getResponseBody()));
		assertThat(pooled.getWidth()).isEqualTo(Integer.parseInt(size.group(1)) / 2);
		assertThat(pooled.getHeight()).isEqualTo(Integer.parseInt(size.group(2)) / 2);
		assertThat(result.getResponseHeaders().getFirst("Server-Timing")).contains("decode;dur=", "pool;dur=",
				"encode;dur=");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formatFiles")
	void poolsEveryFormatEdgeCaseOrNamesTheUnsupportedVariant(Path file) throws IOException {
		byte[] body = java.nio.file.Files.readAllBytes(file);

		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/api/v1/pool?mode=avg&kernel=2&ceilMode=true&format=png")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectBody(byte[].class)
			.returnResult();

		if (MAY_BE_UNSUPPORTED.contains(file.getFileName().toString()) && result.getStatus().value() == 415) {
			assertThat(new String(result.getResponseBody())).contains("\"detail\"");
			return;
		}
		assertThat(result.getStatus().value()).as(new String(result.getResponseBody() != null
				? result.getResponseBody() : new byte[0])).isEqualTo(200);
		assertThat(ImageIO.read(new ByteArrayInputStream(result.getResponseBody()))).isNotNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileFiles")
	void answersEveryHostileFileWithClientErrorProblem(Path file) throws IOException {
		byte[] body = java.nio.file.Files.readAllBytes(file);
		String name = file.getFileName().toString();
		boolean decodeAcceptable = name.contains("bad_idat_crc") || name.contains("dc-predictor-overflow");

		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/api/v1/pool")
			.contentType(MediaType.IMAGE_PNG)
			.bodyValue(body)
			.exchange()
			.expectBody(byte[].class)
			.returnResult();

		int status = result.getStatus().value();
		if (decodeAcceptable && status == 200) {
			return;
		}
		assertThat(status).as(name).isBetween(400, 499);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		String problem = new String(result.getResponseBody());
		assertThat(problem).contains("\"type\":\"https://poolstream.dev/problems/", "\"detail\":\"");
		assertThat(problem).doesNotContain("Exception", "at io.", "/work/");
		assertExpectedStatus(name, status);
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	private static void assertExpectedStatus(String name, int status) {
		if (name.contains("bomb") || name.contains("declares")) {
			assertThat(status).as(name).isEqualTo(413);
		}
		else if (name.equals("zero_bytes.png")) {
			assertThat(status).as(name).isEqualTo(400);
		}
		else if (name.equals("text_named_as.png") || name.contains("bad_signature")) {
			assertThat(status).as(name).isIn(415, 422);
		}
		else if (name.contains("truncated") || name.contains("missing-sos") || name.contains("huffman")) {
			assertThat(status).as(name).isEqualTo(422);
		}
	}

	@Test
	void truncatedJpegIsRejectedNotGrayFilled() {
		this.client.post()
			.uri("/api/v1/pool")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(TestData.bytes("hostile/rocket_truncated_60pct.jpg"))
			.exchange()
			.expectStatus().isEqualTo(422)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/corrupt-image")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("end-of-image"));
	}

	@Test
	void decompressionBombIsRejectedFromItsHeader() {
		this.client.post()
			.uri("/api/v1/pool")
			.contentType(MediaType.IMAGE_PNG)
			.bodyValue(TestData.bytes("hostile/png_bomb_65535x65535_gray1.png"))
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("65535x65535", "megapixel"));
	}

	@Test
	void multipartUploadWithImagePartIsPooled() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("image", TestData.bytes("photos/rocket_640x427.jpg")).contentType(MediaType.IMAGE_JPEG).filename("rocket.jpg");

		this.client.post()
			.uri("/api/v1/pool?kernel=4&format=jpeg")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_JPEG)
			.expectHeader().valueEquals("X-Image-Size", "160x106");
	}

	@Test
	void colourImageAsPgmNamesTheFormat() {
		poolRocket("format=pgm")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("format")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("ppm"));
	}

	@Test
	void multipartWithoutBoundaryIsMalformed() {
		this.client.post()
			.uri("/api/v1/pool")
			.header("Content-Type", "multipart/form-data")
			.bodyValue("--x\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc\r\n--x--\r\n")
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/malformed-body");
	}

	@Test
	void multipartWithTooManyPartsIsClientError() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("image", TestData.bytes("photos/rocket_640x427.jpg")).contentType(MediaType.IMAGE_JPEG).filename("r.jpg");
		for (int i = 0; i < 5; i++) {
			parts.part("extra" + i, "x");
		}

		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/api/v1/pool")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectBody(byte[].class)
			.returnResult();

		assertThat(result.getStatus().value()).isBetween(400, 499);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void multipartWithoutImagePartNamesThePart() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", TestData.bytes("photos/rocket_640x427.jpg")).filename("rocket.jpg");

		this.client.post()
			.uri("/api/v1/pool")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("image");
	}

	@Test
	void multipartSecondImagePartIsRejected() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("image", TestData.bytes("photos/rocket_640x427.jpg")).contentType(MediaType.IMAGE_JPEG).filename("a.jpg");
		parts.part("image", TestData.bytes("photos/rocket_640x427.jpg")).contentType(MediaType.IMAGE_JPEG).filename("b.jpg");

		this.client.post()
			.uri("/api/v1/pool")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("image")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("2 parts named 'image'"));
	}

	@Test
	void multipartFormFieldPointsToQuery() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("image", TestData.bytes("photos/rocket_640x427.jpg")).contentType(MediaType.IMAGE_JPEG).filename("a.jpg");
		parts.part("kernel", "3");

		this.client.post()
			.uri("/api/v1/pool")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("kernel")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("in the query"));
	}

	@Test
	void invalidParametersNameTheParameter() {
		List<String[]> cases = List.of(
				new String[] { "kernel=0", "kernel" },
				new String[] { "kernel=3&padding=2", "padding" },
				new String[] { "mode=median", "mode" },
				new String[] { "kernel=2x", "kernel" },
				new String[] { "kernel=100000", "kernel" },
				new String[] { "kernal=2", "kernal" },
				new String[] { "format=gif", "format" },
				new String[] { "kernel=5000&stride=1", "kernel" },
				new String[] { "kernel=3x", "kernel" },
				new String[] { "kernel=2&kernel=3", "kernel" },
				new String[] { "outputSize=3&kernel=2", "outputSize" },
				new String[] { "mode=avg&divisorOverride=3000000000", "divisorOverride" });
		for (String[] testCase : cases) {
			poolRocket(testCase[0])
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.parameter").isEqualTo(testCase[1])
				.jsonPath("$.detail").isNotEmpty();
		}
	}

	@Test
	void inapplicableParameterAdviceIsValid() {
		// The API rejects 0 for divisorOverride and outputSize, so the advice must not be "use 0".
		List<String[]> cases = List.of(
				new String[] { "mode=max&divisorOverride=2", "divisorOverride", "remove divisorOverride" },
				new String[] { "mode=avg&outputSize=4&divisorOverride=2", "divisorOverride", "remove divisorOverride" },
				new String[] { "mode=max&p=2", "p", "remove p" },
				new String[] { "mode=lp&p=2&outputSize=4", "mode", "give a kernel in place of the output size" },
				new String[] { "mode=avg&outputSize=4&padding=1", "padding", "remove padding" },
				new String[] { "mode=max&outputSize=4&dilation=2", "dilation", "remove dilation" },
				new String[] { "mode=avg&outputSize=4&ceilMode=true", "ceilMode", "remove ceilMode" },
				new String[] { "mode=avg&outputSize=4&countIncludePad=false", "countIncludePad", "remove countIncludePad" });
		for (String[] testCase : cases) {
			poolRocket(testCase[0])
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.parameter").isEqualTo(testCase[1])
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains(testCase[2]))
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).doesNotContain("use 0", "outputHeight"));
		}
	}

	@Test
	void divisorOverrideAboveKernelLimitIsAccepted() {
		// The kernel limit is 256, but a divisor sizes nothing, and PyTorch accepts any positive one.
		String request = """
				{"op": {"mode": "avg", "kernel": 2, "divisorOverride": 1000}, "input": {"shape": [2, 2], "data": [1, 2, 3, 4]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0]").value((Number value) -> assertThat(value.doubleValue()).isCloseTo(0.01, within(1e-7)));
	}

	@Test
	void queryValuesAreEchoedAsSent() {
		List<String[]> cases = List.of(
				new String[] { "kernel=NaN", "kernel 'NaN' is not a whole number" },
				new String[] { "kernel=[3,2]", "kernel '[3,2]' is the JSON form" },
				new String[] { "kernel=3X", "kernel '3X' must be one number or HxW" });
		for (String[] testCase : cases) {
			poolRocket(testCase[0])
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.parameter").isEqualTo("kernel")
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith(testCase[1]));
		}
	}

	@Test
	void upperCaseSizeSeparatorIsAccepted() {
		poolRocket("kernel=3X2&format=png")
			.expectStatus().isOk()
			.expectHeader().valueEquals("X-Image-Size", "320x142");
	}

	@Test
	void messagesUseApiParameterNames() {
		poolRocket("kernel=3x4&padding=2")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("padding")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail)
				.contains("padding height 2 is more than half of kernel height 3")
				.doesNotContain("paddingHeight", "kernelHeight"));
	}

	/**
	 * Posts the 640x427 rocket photo to the image route with the given query.
	 */
	private WebTestClient.ResponseSpec poolRocket(String query) {
		return this.client.post()
			.uri("/api/v1/pool?" + query)
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(TestData.bytes("photos/rocket_640x427.jpg"))
			.exchange();
	}

	@Test
	void oversizedStageWorkIsRejected() {
		this.client.post()
			.uri("/api/v1/pool?mode=lp&p=3&kernel=256&stride=1")
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(TestData.bytes("photos/seeding_5312x2988_progressive.jpg"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("kernel")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("max-stage-reads"));
	}

	@Test
	void kernelLargerThanPaddedImageIsRejected() {
		this.client.post()
			.uri("/api/v1/pool?kernel=64")
			.contentType(MediaType.IMAGE_PNG)
			.bodyValue(TestData.bytes("formats/pngsuite/basn2c08.png"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("kernel");
	}

	@Test
	void tensorKeepsNonFiniteStrings() {
		String request = """
				{"op": {"mode": "max", "kernel": 2},
				 "input": {"shape": [1, 2, 4], "data": [1, 5, "NaN", 2, 3, 4, 0, "-Infinity"]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.shape").isEqualTo(List.of(1, 1, 2))
			.jsonPath("$.data[0]").isEqualTo(5.0)
			.jsonPath("$.data[1]").isEqualTo("NaN");
	}

	@Test
	void tensorBodyAboveCodecDefaultAccepted() {
		// About 420 KB of JSON: above the codec's 256 KB default, within the configured 64 MB.
		int side = 300;
		String data = String.join(",", Collections.nCopies(side * side, "0.25"));
		String request = "{\"op\": {\"mode\": \"max\", \"kernel\": 2}, \"input\": {\"shape\": [" + side + ", "
				+ side + "], \"data\": [" + data + "]}}";
		assertThat(request.length()).isGreaterThan(256 * 1024);

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.shape").isEqualTo(List.of(side / 2, side / 2));
	}

	@Test
	void tensorAvgExcludesPadding() {
		String request = """
				{"op": {"mode": "avg", "kernel": [2, 2], "padding": 1, "countIncludePad": false},
				 "input": {"shape": [2, 2], "data": [[1, 2], [3, 4]]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.shape").isEqualTo(List.of(2, 2))
			.jsonPath("$.data").isEqualTo(List.of(1.0, 2.0, 3.0, 4.0));
	}

	@Test
	void tensorWithWrongElementCountIsRejected() {
		String request = """
				{"op": {"mode": "max"}, "input": {"shape": [2, 2], "data": [1, 2, 3]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("input.data")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("3 elements", "needs 4"));
	}

	@Test
	void tensorQueryParameterIsRejected() {
		String request = """
				{"op": {"mode": "max"}, "input": {"shape": [2, 2], "data": [1, 2, 3, 4]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor?kernel=3")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("kernel")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("'kernel'", "\"op\""));
	}

	@Test
	void tensorStringElementIsQuoted() {
		String request = """
				{"op": {"mode": "max"}, "input": {"shape": [2, 2], "data": ["1", 2, 3, 4]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("input.data")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("element 0 is the string \"1\";"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"[[1, 2, 3], [4]]           | data[0] has 3 items but dimension 1 of the shape is 2",
		"[[[[1]]], 2, [3, [4]]]     | data has 3 items but dimension 0 of the shape is 2",
		"[[], 1, 2, 3, 4, []]       | data has 6 items but dimension 0 of the shape is 2",
		"[[1, 2], 3, 4]             | data has 3 items but dimension 0 of the shape is 2",
		"[[1, [2]], [3, 4]]         | data[0][1] is nested deeper than the shape's 2 dimensions",
		"[1, [2, 3]]                | data[0] is a single element where dimension 1 of the shape needs a list",
	})
	void tensorRaggedDataIsRejected(String data, String problem) {
		String request = """
				{"op": {"mode": "max"}, "input": {"shape": [2, 2], "data": %s}}
				""".formatted(data);

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("input.data")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith(problem + ";"));
	}

	@Test
	void tensorDataNestedAsShapeIsAccepted() {
		String request = """
				{"op": {"mode": "max"}, "input": {"shape": [1, 2, 2], "data": [[[1, 7], [3, 4]]]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0]").isEqualTo(7.0);
	}

	@Test
	void unknownRouteAndWrongMethodAreTypedProblems() {
		this.client.get().uri("/api/v1/nothing").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/not-found");
		this.client.delete().uri("/api/v1/pool").exchange()
			.expectStatus().isEqualTo(405)
			.expectBody().jsonPath("$.type").isEqualTo("https://poolstream.dev/problems/method-not-allowed");
	}

	@Test
	void tensorFieldOfWrongTypeIsNamed() {
		// Each case: the body, the field at fault, and a fragment the detail must contain.
		List<String[]> cases = List.of(
				new String[] { "{\"op\": [], \"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, 4]}}", "op",
						"expected an object, found an array" },
				new String[] { "{\"op\": {}, \"input\": {\"shape\": \"2x2\", \"data\": [1, 2, 3, 4]}}", "input.shape",
						"expected an array, found a string" },
				new String[] { "{\"op\": {}, \"input\": {\"shape\": [1.5, 2], \"data\": [1, 2, 3, 4]}}",
						"input.shape[0]", "(1.5)" },
				new String[] { "{\"op\": {}, \"input\": {\"shape\": [2, 2], \"data\": {}}}", "input.data",
						"expected an array, found an object" },
				new String[] { "{\"op\": {}, \"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, 4], \"extra\": 1}}",
						"input.extra", "known properties: \"shape\", \"data\"" });
		for (String[] testCase : cases) {
			this.client.post()
				.uri("/api/v1/pool/tensor")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(testCase[0])
				.exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.parameter").isEqualTo(testCase[1])
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith(testCase[1] + " is not valid: "))
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains(testCase[2]))
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).doesNotContain("token", "coercion",
						"ignorable", "a value"));
		}
	}

	@Test
	void tensorDuplicatePropertyIsRejected() {
		String request = """
				{"op": {"mode": "max", "mode": "avg"}, "input": {"shape": [2, 2], "data": [1, 2, 3, 4]}}
				""";

		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("op")
			.jsonPath("$.detail").isEqualTo("op is not valid: property \"mode\" is given more than once; give it once");
	}

	@Test
	void malformedJsonIsBadRequestWithoutClassNames() {
		this.client.post()
			.uri("/api/v1/pool/tensor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"op\": {\"mode\": \"max\"}, \"input\": {\"shape\": [2, 2], \"data\": [1, 2")
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).doesNotContain("io.poolstream"))
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).doesNotContain("Source", "REDACTED"));
	}

}
