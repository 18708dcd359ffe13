package io.poolstream.pooling;

/**
 * Float32 pooling of one plane row at a time, following PyTorch's CPU kernels operation by
 * operation so that results match {@code torch.nn.functional} in float32.
 *
 * <p>One output value, for the window's real taps {@code W} (padding taps left out), in the
 * order PyTorch visits them (rows, then columns):
 * <ul>
 * <li>max: the largest value, where a NaN is kept once seen ({@code v > m || isnan(v)}), or
 * -inf if {@code W} is empty;
 * <li>min: the same with {@code <}, which equals PyTorch's {@code -max_pool2d(-x)};
 * <li>avg: the float32 sum, in order, divided by the divisor described in {@link PoolSpec}, so
 * a sum beyond the float range is Infinity; 0 if {@code W} is empty. An adaptive window's sum is
 * divided by its height, then by its width;
 * <li>lp: {@code s = (float32 sum of x^p) / |W| * (kernelHeight * kernelWidth)}, then
 * {@code (sign(s) * relu(|s|))^(1/p)}, as {@code lp_pool2d} builds it from {@code avg_pool2d}.
 * A negative x with a non-integer p gives NaN, and so does a negative s unless 1/p is an
 * integer;
 * <li>gradient: max, as above, of the Sobel magnitude {@code sqrt(gx² + gy²)} with replicated
 * borders, computed in double and rounded to float32.
 * </ul>
 */
final class TensorKernel {

	private final PoolSpec spec;

	private final PoolAxis rows;

	private final PoolAxis columns;

	/** Whether every window is a full 2×2 block at stride 2, which {@link #poolPairs} handles. */
	private final boolean pairs;

	/** Pools the start of each row of {@link #poolPairs}, or nothing without the Vector API. */
	private final PairRowKernel vectorPairs;


	TensorKernel(PoolSpec spec, PoolAxis rows, PoolAxis columns, boolean vectorKernels) {
		this.spec = spec;
		this.rows = rows;
		this.columns = columns;
		PoolMode mode = spec.mode();
		this.pairs = !spec.adaptive() && (mode == PoolMode.MAX || mode == PoolMode.MIN || mode == PoolMode.AVG)
				&& isPairs(rows) && isPairs(columns);
		this.vectorPairs = (this.pairs && vectorKernels) ? VectorKernels.pairRowKernel(mode, divisor(0, 0))
				: VectorKernels.NO_PAIR_ROWS;
	}


	private static boolean isPairs(PoolAxis axis) {
		if (axis.dilation != 1) {
			return false;
		}
		for (int o = 0; o < axis.outputSize; o++) {
			if (axis.tapCount[o] != 2 || axis.firstTap[o] != 2 * o) {
				return false;
			}
		}
		return true;
	}


	/**
	 * Fills output rows {@code [fromRow, toRow)}, counted across planes as
	 * {@code plane * outputHeight + oy}.
	 */
	void poolRows(float[] input, float[] output, int fromRow, int toRow) {
		int inputPlane = this.rows.inputSize * this.columns.inputSize;
		if (this.pairs) {
			poolPairRows(input, output, fromRow, toRow, inputPlane);
			return;
		}
		float[] magnitudes = (this.spec.mode() == PoolMode.GRADIENT) ? new float[this.columns.inputSize] : null;
		for (int row = fromRow; row < toRow; row++) {
			int plane = row / this.rows.outputSize;
			int oy = row % this.rows.outputSize;
			int source = plane * inputPlane;
			int target = row * this.columns.outputSize;
			switch (this.spec.mode()) {
				case MAX -> poolMaximum(input, source, oy, output, target);
				case MIN -> poolMinimum(input, source, oy, output, target);
				case AVG -> poolAverage(input, source, oy, output, target);
				case LP -> poolPower(input, source, oy, output, target);
				case GRADIENT -> poolGradient(input, source, oy, output, target, magnitudes);
			}
		}
	}

	/**
	 * Pools output rows of full 2×2 windows at stride 2, the common case, a plane's run of rows
	 * at a time. The vector kernel, when present, pools the start of every row of a run in one
	 * call, and {@link #poolPairs} the rest.
	 */
	private void poolPairRows(float[] input, float[] output, int fromRow, int toRow, int inputPlane) {
		int width = this.columns.inputSize;
		int count = this.columns.outputSize;
		for (int row = fromRow; row < toRow;) {
			int oy = row % this.rows.outputSize;
			int run = Math.min(toRow - row, this.rows.outputSize - oy);
			int top = (row / this.rows.outputSize) * inputPlane + 2 * oy * width;
			int target = row * count;
			int from = this.vectorPairs.poolRows(input, top, width, output, target, count, run);
			if (from < count) {
				for (int r = 0; r < run; r++) {
					poolPairs(input, top + 2 * r * width, output, target + r * count, from);
				}
			}
			row += run;
		}
	}

	/**
	 * Pools output values {@code [from, count)} of one row of full 2×2 windows at stride 2
	 * without the tap tables. It gives the same results as the general loops, identical to the
	 * bit: the taps go top left, top right, bottom left, bottom right, max and min keep a NaN
	 * once seen, and the sum starts from 0.
	 */
	private void poolPairs(float[] input, int top, float[] output, int target, int from) {
		int bottom = top + this.columns.inputSize;
		int count = this.columns.outputSize;
		switch (this.spec.mode()) {
			case MAX -> {
				for (int ox = from; ox < count; ox++) {
					int x = 2 * ox;
					float a = input[top + x];
					float b = input[top + x + 1];
					float c = input[bottom + x];
					float d = input[bottom + x + 1];
					// Math.max is NaN when a tap is, and compiles without branches, where the
					// data-dependent branches of the general loop mispredict on random data.
					float max = Math.max(Math.max(a, b), Math.max(c, d));
					output[target + ox] = (max == 0) ? firstZero(a, b, c, d) : max;
				}
			}
			case MIN -> {
				for (int ox = from; ox < count; ox++) {
					int x = 2 * ox;
					float a = input[top + x];
					float b = input[top + x + 1];
					float c = input[bottom + x];
					float d = input[bottom + x + 1];
					float min = Math.min(Math.min(a, b), Math.min(c, d));
					output[target + ox] = (min == 0) ? firstZero(a, b, c, d) : min;
				}
			}
			default -> {
				long divisor = divisor(0, 0);
				for (int ox = from; ox < count; ox++) {
					int x = 2 * ox;
					float sum = 0;
					sum += input[top + x];
					sum += input[top + x + 1];
					sum += input[bottom + x];
					sum += input[bottom + x + 1];
					output[target + ox] = sum / divisor;
				}
			}
		}
	}

	/**
	 * Returns the first tap that equals zero. PyTorch replaces its running max only by a strictly
	 * greater value, so when the max is zero it keeps the sign of the first zero, where
	 * {@link Math#max} would prefer 0.0 over -0.0.
	 */
	private static float firstZero(float a, float b, float c, float d) {
		if (a == 0) {
			return a;
		}
		if (b == 0) {
			return b;
		}
		return (c == 0) ? c : d;
	}

	private void poolMaximum(float[] input, int source, int oy, float[] output, int target) {
		int width = this.columns.inputSize;
		for (int ox = 0; ox < this.columns.outputSize; ox++) {
			float max = Float.NEGATIVE_INFINITY;
			for (int ty = 0; ty < this.rows.tapCount[oy]; ty++) {
				int rowStart = source + (this.rows.firstTap[oy] + ty * this.rows.dilation) * width;
				for (int tx = 0; tx < this.columns.tapCount[ox]; tx++) {
					float value = input[rowStart + this.columns.firstTap[ox] + tx * this.columns.dilation];
					if (value > max || Float.isNaN(value)) {
						max = value;
					}
				}
			}
			output[target + ox] = max;
		}
	}

	private void poolMinimum(float[] input, int source, int oy, float[] output, int target) {
		int width = this.columns.inputSize;
		for (int ox = 0; ox < this.columns.outputSize; ox++) {
			float min = Float.POSITIVE_INFINITY;
			for (int ty = 0; ty < this.rows.tapCount[oy]; ty++) {
				int rowStart = source + (this.rows.firstTap[oy] + ty * this.rows.dilation) * width;
				for (int tx = 0; tx < this.columns.tapCount[ox]; tx++) {
					float value = input[rowStart + this.columns.firstTap[ox] + tx * this.columns.dilation];
					if (value < min || Float.isNaN(value)) {
						min = value;
					}
				}
			}
			output[target + ox] = min;
		}
	}

	private void poolAverage(float[] input, int source, int oy, float[] output, int target) {
		int width = this.columns.inputSize;
		for (int ox = 0; ox < this.columns.outputSize; ox++) {
			float sum = 0;
			for (int ty = 0; ty < this.rows.tapCount[oy]; ty++) {
				int rowStart = source + (this.rows.firstTap[oy] + ty * this.rows.dilation) * width;
				for (int tx = 0; tx < this.columns.tapCount[ox]; tx++) {
					sum += input[rowStart + this.columns.firstTap[ox] + tx * this.columns.dilation];
				}
			}
			if (this.spec.adaptive()) {
				output[target + ox] = divideAdaptive(sum, oy, ox);
			}
			else {
				long divisor = divisor(oy, ox);
				output[target + ox] = (divisor == 0) ? 0 : sum / divisor;
			}
		}
	}

	/**
	 * Divides an adaptive window's sum as PyTorch 1.13 does: {@code adaptive_avg_pool2d}
	 * divides by the window height and then by its width, which can differ from one division
	 * by the area in the last bit. To a 1×1 output it computes {@code mean()} instead, which
	 * divides once by the plane's area.
	 */
	private float divideAdaptive(float sum, int oy, int ox) {
		// NOTE: mean() sums in a vectorized cascade order, not row by row, so the 1×1 result of
		// a large plane may differ from PyTorch's in the last bit.
		if (this.rows.outputSize == 1 && this.columns.outputSize == 1) {
			return sum / ((long) this.rows.inputSize * this.columns.inputSize);
		}
		return sum / this.rows.tapCount[oy] / this.columns.tapCount[ox];
	}

	private long divisor(int oy, int ox) {
		if (this.rows.tapCount[oy] == 0 || this.columns.tapCount[ox] == 0) {
			return 0;
		}
		if (this.spec.divisorOverride() > 0) {
			return this.spec.divisorOverride();
		}
		if (this.spec.countIncludePad()) {
			return (long) this.rows.paddedSize[oy] * this.columns.paddedSize[ox];
		}
		return (long) this.rows.tapCount[oy] * this.columns.tapCount[ox];
	}

	private void poolPower(float[] input, int source, int oy, float[] output, int target) {
		int width = this.columns.inputSize;
		double p = this.spec.p();
		double inverseP = 1.0 / p;
		int kernelArea = this.spec.kernelHeight() * this.spec.kernelWidth();
		for (int ox = 0; ox < this.columns.outputSize; ox++) {
			float sum = 0;
			for (int ty = 0; ty < this.rows.tapCount[oy]; ty++) {
				int rowStart = source + (this.rows.firstTap[oy] + ty * this.rows.dilation) * width;
				for (int tx = 0; tx < this.columns.tapCount[ox]; tx++) {
					sum += TorchPow.pow(input[rowStart + this.columns.firstTap[ox] + tx * this.columns.dilation], p);
				}
			}
			long count = (long) this.rows.tapCount[oy] * this.columns.tapCount[ox];
			float scaled = (sum / count) * kernelArea;
			// sign(s) * relu(|s|) is s itself for every float, NaN included, except that
			// PyTorch's sign(-0.0) is 0, so -0.0 becomes +0.0.
			float signed = (scaled == 0) ? 0f : scaled;
			output[target + ox] = TorchPow.pow(signed, inverseP);
		}
	}

	private void poolGradient(float[] input, int source, int oy, float[] output, int target, float[] magnitudes) {
		for (int ox = 0; ox < this.columns.outputSize; ox++) {
			output[target + ox] = Float.NEGATIVE_INFINITY;
		}
		for (int ty = 0; ty < this.rows.tapCount[oy]; ty++) {
			int y = this.rows.firstTap[oy] + ty * this.rows.dilation;
			computeMagnitudes(input, source, y, magnitudes);
			for (int ox = 0; ox < this.columns.outputSize; ox++) {
				float max = output[target + ox];
				for (int tx = 0; tx < this.columns.tapCount[ox]; tx++) {
					float value = magnitudes[this.columns.firstTap[ox] + tx * this.columns.dilation];
					if (value > max || Float.isNaN(value)) {
						max = value;
					}
				}
				output[target + ox] = max;
			}
		}
	}

	/**
	 * Computes the Sobel magnitude of plane row {@code y}, replicating border rows and columns.
	 */
	private void computeMagnitudes(float[] input, int source, int y, float[] magnitudes) {
		int width = this.columns.inputSize;
		int above = source + Math.max(y - 1, 0) * width;
		int center = source + y * width;
		int below = source + Math.min(y + 1, this.rows.inputSize - 1) * width;
		for (int x = 0; x < width; x++) {
			int left = Math.max(x - 1, 0);
			int right = Math.min(x + 1, width - 1);
			double gx = ((double) input[above + right] - input[above + left])
					+ 2 * ((double) input[center + right] - input[center + left])
					+ ((double) input[below + right] - input[below + left]);
			double gy = ((double) input[below + left] + 2 * (double) input[below + x] + input[below + right])
					- ((double) input[above + left] + 2 * (double) input[above + x] + input[above + right]);
			// The taps with weight 0 still make the result NaN when they are NaN or infinite, as
			// in a float convolution with the full 3×3 kernels.
			double zeroTaps = 0 * ((double) input[above + x] + input[center + x] + input[below + x]
					+ input[center + left] + input[center + right]);
			gx += zeroTaps;
			magnitudes[x] = (float) Math.sqrt(gx * gx + gy * gy);
		}
	}

}
