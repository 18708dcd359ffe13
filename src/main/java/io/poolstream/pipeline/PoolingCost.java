package io.poolstream.pipeline;

import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

/**
 * Estimates the work of one pooling stage, in sample reads, so that a request cannot ask for
 * unbounded work within the size limits and large stages can be cut into tasks of bounded length.
 *
 * <p>The kernels pool rows and columns in separate passes, so a window of {@code kh × kw} costs
 * about {@code kh + kw} reads per output sample rather than {@code kh × kw}; the gradient mode adds
 * the nine reads of its Sobel operator per input sample. This is an estimate for planning, not a
 * count.
 */
public final class PoolingCost {

	private PoolingCost() {
	}


	/**
	 * Returns the estimated sample reads of one stage.
	 */
	public static long estimate(PoolSpec spec, int inputWidth, int inputHeight, int channels, int outputWidth,
			int outputHeight) {
		long windowHeight;
		long windowWidth;
		if (spec.adaptive()) {
			windowHeight = ceilDiv(inputHeight, outputHeight) + 1;
			windowWidth = ceilDiv(inputWidth, outputWidth) + 1;
		}
		else {
			windowHeight = spec.kernelHeight();
			windowWidth = spec.kernelWidth();
		}
		long outputSamples = (long) outputWidth * outputHeight * channels;
		long cost = outputSamples * (windowHeight + windowWidth);
		if (spec.mode() == PoolMode.GRADIENT) {
			cost += 9L * inputWidth * inputHeight * channels;
		}
		return cost;
	}

	/**
	 * Rejects a stage whose estimated work is above {@code limit} sample reads.
	 * @throws InvalidPoolSpecException naming the kernel, the estimate and the limit
	 */
	public static void check(PoolSpec spec, long cost, long limit) {
		if (cost > limit) {
			String parameter = spec.adaptive() ? "outputSize" : "kernel";
			throw new InvalidPoolSpecException(parameter, spec.describe(), "stage '" + spec.describe()
					+ "' would read about " + cost + " samples of this image, above the limit of " + limit
					+ "; use a larger stride, a smaller kernel or a smaller image, or raise "
					+ "poolstream.limits.max-stage-reads");
		}
	}

	private static long ceilDiv(long dividend, long divisor) {
		return (dividend + divisor - 1) / divisor;
	}

}
