package io.poolstream.web;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Tensor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the JSON bodies of the tensor and stream endpoints from raw bytes, through a mapper with
 * the application's parser limits and deserialization settings, to the checked request.
 *
 * <p>Only Jackson's exceptions, {@link InvalidRequestException} and {@link InvalidPoolSpecException}
 * may escape, because the exception handler maps those to 400. A request that passes stays within
 * every limit: element counts of input and output, estimated reads, stages, capacity and retention.
 */
class JsonRequestFuzzTests {

	private static final JsonReadLimits JSON_LIMITS = new JsonReadLimits(32, 16384, 256, 64, 1 << 20);

	private static final ApiLimits LIMITS = new ApiLimits(1 << 20, 1 << 20, 4, 64, 4096, 1 << 20, 200_000);

	private static final JsonMapper MAPPER = JSON_LIMITS.newMapperBuilder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.build();

	private static final StreamSettings DEFAULTS = new StreamSettings(List.of(PoolSpec.of(PoolMode.MAX, 2)),
			ImageFormat.JPEG, false, BackpressurePolicy.LATEST, 8, 64);


	@FuzzTest(maxDuration = "10m")
	void tensorRequestKeepsLimits(byte[] body) {
		TensorJob job;
		try {
			TensorRequest request = MAPPER.readValue(body, TensorRequest.class);
			if (request == null) {
				return;
			}
			job = TensorJob.prepare(request, new PoolParameters(LIMITS.maxKernel()), LIMITS);
		}
		catch (JacksonException | InvalidRequestException | InvalidPoolSpecException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}

		Tensor input = job.input();
		assertThat(input.data().length).isLessThanOrEqualTo(LIMITS.maxTensorElements());
		long outputElements = 1;
		for (int dimension : job.pooler().outputShape()) {
			outputElements *= dimension;
		}
		assertThat(outputElements).isLessThanOrEqualTo(LIMITS.maxTensorElements());

		Tensor output = job.pooler().pool(input);
		TensorJson written = TensorJson.fromTensor(output);
		TensorRequest.Input readBack = MAPPER.readValue(MAPPER.writeValueAsBytes(written), TensorRequest.Input.class);
		Tensor again = TensorJson.toTensor(readBack, LIMITS.maxTensorElements());
		assertThat(again.shape()).isEqualTo(output.shape());
		assertThat(again.data()).isEqualTo(output.data());
	}

	@FuzzTest(maxDuration = "10m")
	void streamRequestKeepsLimits(byte[] body) {
		StreamSettings settings;
		try {
			StreamRequest request = MAPPER.readValue(body, StreamRequest.class);
			if (request == null) {
				return;
			}
			settings = new StreamRequestParser(LIMITS).toSettings(request, DEFAULTS);
		}
		catch (JacksonException | InvalidRequestException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}

		assertThat(settings.stages()).hasSizeBetween(1, LIMITS.maxStages());
		for (PoolSpec stage : settings.stages()) {
			stage.validate();
			assertThat(stage.kernelHeight()).isLessThanOrEqualTo(LIMITS.maxKernel());
			assertThat(stage.kernelWidth()).isLessThanOrEqualTo(LIMITS.maxKernel());
			assertThat(stage.outputHeight()).isLessThanOrEqualTo(LIMITS.maxKernel());
			assertThat(stage.outputWidth()).isLessThanOrEqualTo(LIMITS.maxKernel());
		}
		assertThat(settings.capacity()).isBetween(1, 100_000);
		assertThat(settings.retention()).isBetween(1, 100_000);
	}

}
