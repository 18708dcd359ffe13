package io.poolstream.web;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.poolstream.pipeline.PoolingCost;
import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Tensor;
import io.poolstream.pooling.TensorPooler;

/**
 * A checked tensor request: the input tensor and the pooler for it, built only after every limit
 * has passed.
 *
 * @param input the tensor to pool
 * @param pooler the pooler for the input's shape
 */
record TensorJob(Tensor input, TensorPooler pooler) {

	/**
	 * Checks a tensor request against the limits and builds its job, before any pooling work.
	 * The output may hold at most {@link ApiLimits#maxTensorElements()} elements, like the input,
	 * because adaptive pooling to a large output size would otherwise turn a small input into a
	 * large response. The estimated reads of the stage may be at most {@link ApiLimits#maxStageReads()}.
	 * @throws InvalidRequestException if the body is incomplete or the tensor breaks a limit
	 * @throws InvalidPoolSpecException if a pooling parameter is invalid or breaks a limit
	 */
	static TensorJob prepare(TensorRequest request, PoolParameters parameters, ApiLimits limits) {
		PoolSpec spec = parseOp(request.op(), parameters);
		Tensor input = TensorJson.toTensor(request.input(), limits.maxTensorElements());
		TensorPooler pooler = TensorPooler.of(spec, input.shape());

		int[] shape = input.shape();
		int[] outputShape = pooler.outputShape();
		long outputElements = 1;
		for (int dimension : outputShape) {
			outputElements *= dimension;
		}
		if (outputElements > limits.maxTensorElements()) {
			throw new InvalidRequestException("op.outputSize", "output shape " + Arrays.toString(outputShape)
					+ " has more than " + limits.maxTensorElements() + " elements, the limit of "
					+ "poolstream.limits.max-tensor-elements; ask for a smaller output");
		}

		int rank = shape.length;
		int planes = input.data().length / (shape[rank - 2] * shape[rank - 1]);
		long cost = PoolingCost.estimate(spec, shape[rank - 1], shape[rank - 2], planes, outputShape[rank - 1],
				outputShape[rank - 2]);
		PoolingCost.check(spec, cost, limits.maxStageReads());
		return new TensorJob(input, pooler);
	}

	private static PoolSpec parseOp(@Nullable Map<String, Object> op, PoolParameters parameters) {
		if (op == null) {
			throw new InvalidRequestException("op", "the body needs \"op\": {\"mode\": \"max\", \"kernel\": 2, ...}");
		}
		PoolParameters.rejectUnknown(op.keySet(), Set.of());
		return parameters.parse(op);
	}

}
