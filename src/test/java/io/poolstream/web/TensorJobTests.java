package io.poolstream.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.poolstream.pooling.InvalidPoolSpecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the limits of a tensor request before any pooling: output elements and estimated reads.
 */
class TensorJobTests {

	@Test
	void stageAboveReadLimitIsRejected() {
		// A 10 x 10 plane with a 2 x 2 kernel and stride 1 gives 81 outputs of 2 + 2 reads: 324.
		ApiLimits limits = new ApiLimits(1 << 20, 1 << 20, 8, 64, 1000, 1 << 20, 300);
		TensorRequest request = new TensorRequest(Map.of("mode", "max", "kernel", 2, "stride", 1), plane(10));

		assertThatThrownBy(() -> TensorJob.prepare(request, new PoolParameters(64), limits))
			.isInstanceOf(InvalidPoolSpecException.class)
			.hasMessageContaining("324")
			.hasMessageContaining("max-stage-reads");
	}

	@Test
	void stageWithinReadLimitIsPrepared() {
		ApiLimits limits = new ApiLimits(1 << 20, 1 << 20, 8, 64, 1000, 1 << 20, 324);
		TensorRequest request = new TensorRequest(Map.of("mode", "max", "kernel", 2, "stride", 1), plane(10));

		TensorJob job = TensorJob.prepare(request, new PoolParameters(64), limits);

		assertThat(job.pooler().outputShape()).containsExactly(9, 9);
	}

	private static TensorRequest.Input plane(int size) {
		List<Object> data = Collections.nCopies(size * size, 1);
		return new TensorRequest.Input(List.of(size, size), data);
	}

}
