package io.poolstream.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/pool/tensor}.
 *
 * @param op the pooling parameters
 * @param input the tensor to pool
 */
record TensorRequest(@Nullable Map<String, Object> op, @Nullable Input input) {

	/**
	 * A float32 tensor as JSON.
	 *
	 * @param shape dimensions, of rank 2 (H, W), 3 (C, H, W) or 4 (N, C, H, W)
	 * @param data the elements in row-major order, flat or nested, with non-finite values written
	 * as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}
	 */
	record Input(@Nullable List<Integer> shape, @Nullable List<Object> data) {
	}

}
