package io.poolstream.pooling;

/**
 * Window geometry of one axis, precomputed once per pooler so that the kernels only look up
 * where each window starts and how many real samples it covers.
 *
 * <p>For output index {@code o}, the window's taps inside the input are
 * {@code firstTap[o] + t * dilation} for {@code t} in {@code [0, tapCount[o])}. Taps in the
 * padding are left out, which is how max and min treat padding as never selected and how avg
 * counts only real samples in its sum. {@code paddedSize[o]} is PyTorch's avg divisor factor
 * with {@code count_include_pad}: the window clipped to the padded input,
 * {@code min(start + kernel, in + padding) - start}.
 */
final class PoolAxis {

	final int inputSize;

	final int outputSize;

	final int dilation;

	final int[] firstTap;

	final int[] tapCount;

	final int[] paddedSize;

	/** Window taps for sliding windows, or 0 for adaptive windows. */
	final int kernel;

	final int stride;

	final int padding;

	/**
	 * Output indices {@code [regularFrom, regularTo)} whose windows are complete:
	 * {@code firstTap[o] = o * stride - padding} and {@code tapCount[o] = kernel}. Empty for
	 * adaptive windows.
	 */
	final int regularFrom;

	final int regularTo;


	private PoolAxis(int inputSize, int kernel, int stride, int padding, int dilation, int[] firstTap, int[] tapCount,
			int[] paddedSize) {
		this.inputSize = inputSize;
		this.outputSize = firstTap.length;
		this.kernel = kernel;
		this.stride = stride;
		this.padding = padding;
		this.dilation = dilation;
		this.firstTap = firstTap;
		this.tapCount = tapCount;
		this.paddedSize = paddedSize;

		// The complete windows form one run between the clipped windows at the two edges.
		int from = 0;
		while (from < this.outputSize && !isRegular(from)) {
			from++;
		}
		int to = from;
		while (to < this.outputSize && isRegular(to)) {
			to++;
		}
		this.regularFrom = from;
		this.regularTo = to;
	}


	/**
	 * Computes sliding windows as PyTorch's CPU max and avg kernels do.
	 */
	static PoolAxis sliding(int inputSize, int outputSize, int kernel, int stride, int padding, int dilation) {
		int[] firstTap = new int[outputSize];
		int[] tapCount = new int[outputSize];
		int[] paddedSize = new int[outputSize];
		for (int o = 0; o < outputSize; o++) {
			long start = (long) o * stride - padding;
			long end = Math.min(start + (long) (kernel - 1) * dilation + 1, inputSize);
			long first = start;
			if (first < 0) {
				first += ((-first + dilation - 1) / dilation) * dilation;
			}
			firstTap[o] = (int) Math.min(first, inputSize);
			tapCount[o] = (first < end) ? (int) ((end - first + dilation - 1) / dilation) : 0;
			paddedSize[o] = (int) (Math.min(start + kernel, (long) inputSize + padding) - start);
		}
		return new PoolAxis(inputSize, kernel, stride, padding, dilation, firstTap, tapCount, paddedSize);
	}

	private boolean isRegular(int o) {
		return this.kernel > 0 && this.firstTap[o] == (long) o * this.stride - this.padding
				&& this.tapCount[o] == this.kernel;
	}

	/**
	 * Computes adaptive windows {@code [floor(o * in / out), ceil((o + 1) * in / out))}.
	 */
	static PoolAxis adaptive(int inputSize, int outputSize) {
		int[] firstTap = new int[outputSize];
		int[] tapCount = new int[outputSize];
		for (int o = 0; o < outputSize; o++) {
			int start = (int) ((long) o * inputSize / outputSize);
			int end = (int) (((long) (o + 1) * inputSize + outputSize - 1) / outputSize);
			firstTap[o] = start;
			tapCount[o] = end - start;
		}
		return new PoolAxis(inputSize, 0, 0, 0, 1, firstTap, tapCount, tapCount.clone());
	}

	/**
	 * Builds the height axis of a validated spec for an input height.
	 */
	static PoolAxis height(PoolSpec spec, int inputHeight) {
		int outputHeight = spec.outputHeight(inputHeight);
		if (spec.adaptive()) {
			return adaptive(inputHeight, outputHeight);
		}
		return sliding(inputHeight, outputHeight, spec.kernelHeight(), spec.strideHeight(),
				spec.paddingHeight(), spec.dilationHeight());
	}

	/**
	 * Builds the width axis of a validated spec for an input width.
	 */
	static PoolAxis width(PoolSpec spec, int inputWidth) {
		int outputWidth = spec.outputWidth(inputWidth);
		if (spec.adaptive()) {
			return adaptive(inputWidth, outputWidth);
		}
		return sliding(inputWidth, outputWidth, spec.kernelWidth(), spec.strideWidth(),
				spec.paddingWidth(), spec.dilationWidth());
	}

	/**
	 * Returns whether every window is {@code kernel} consecutive real samples starting at
	 * {@code o * kernel}, which is what the 2×2 fast paths need.
	 */
	boolean tilesWithoutPadding(int kernel) {
		if (this.dilation != 1) {
			return false;
		}
		for (int o = 0; o < this.outputSize; o++) {
			if (this.firstTap[o] != o * kernel || this.tapCount[o] != kernel || this.paddedSize[o] != kernel) {
				return false;
			}
		}
		return true;
	}

}
