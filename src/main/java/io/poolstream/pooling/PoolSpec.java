package io.poolstream.pooling;

/**
 * Parameters of one 2-D pooling operation, with the meaning PyTorch's
 * {@code torch.nn.functional} (1.13 and later) gives them.
 *
 * <p>Sliding windows: output index {@code o} covers input indices
 * {@code o * stride - padding + j * dilation} for {@code j} in {@code [0, kernel)}, per axis. The
 * output size per axis is
 * {@code floor((in + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1}, or the same with
 * {@code ceil} in ceil mode, where a last window that would start inside the right padding
 * ({@code (out - 1) * stride >= in + padding}) is dropped.
 *
 * <p>Adaptive pooling, when {@code outputHeight} and {@code outputWidth} are both positive:
 * output index {@code i} covers {@code [floor(i * in / out), ceil((i + 1) * in / out))}, and
 * kernel, stride, padding, dilation, ceil mode and {@code countIncludePad} are ignored.
 *
 * <p>The record does not check its components when constructed, so a caller can build one from
 * request fields and call {@link #validate()}. {@link Builder#build()} and the poolers validate.
 *
 * @param mode the reduction
 * @param kernelHeight window rows, at least 1
 * @param kernelWidth window columns, at least 1
 * @param strideHeight rows between window starts, at least 1
 * @param strideWidth columns between window starts, at least 1
 * @param paddingHeight implicit rows added above and below, at most {@code kernelHeight / 2}
 * @param paddingWidth implicit columns added left and right, at most {@code kernelWidth / 2}
 * @param dilationHeight rows between window taps, at least 1
 * @param dilationWidth columns between window taps, at least 1
 * @param ceilMode whether the output size rounds up instead of down
 * @param countIncludePad for avg, whether padding counts in the divisor
 * @param divisorOverride for avg, a fixed divisor, or 0 for none
 * @param p for lp, the exponent, or 0 for the other modes
 * @param outputHeight adaptive output rows, or 0 for sliding windows
 * @param outputWidth adaptive output columns, or 0 for sliding windows
 */
public record PoolSpec(PoolMode mode, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
		int paddingHeight, int paddingWidth, int dilationHeight, int dilationWidth,
		boolean ceilMode, boolean countIncludePad, int divisorOverride, double p,
		int outputHeight, int outputWidth) {

	/**
	 * Creates a square window with stride equal to the kernel, no padding, dilation 1, floor
	 * mode and {@code countIncludePad}. For {@link PoolMode#LP}, p is 2. The spec is not
	 * validated here, but by {@link #validate()} and the poolers.
	 */
	public static PoolSpec of(PoolMode mode, int kernel) {
		return new PoolSpec(mode, kernel, kernel, kernel, kernel, 0, 0, 1, 1, false, true, 0,
				defaultP(mode), 0, 0);
	}

	/**
	 * Starts a builder. Stride defaults to the kernel, padding to 0, dilation to 1, ceil mode to
	 * off, {@code countIncludePad} to on, and p to 2 for lp.
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static double defaultP(PoolMode mode) {
		return (mode == PoolMode.LP) ? 2 : 0;
	}


	/**
	 * Returns whether both output sizes are positive, which selects adaptive pooling.
	 */
	public boolean adaptive() {
		return this.outputHeight > 0 && this.outputWidth > 0;
	}

	/**
	 * Checks the rules that depend only on the parameters, not on the input size.
	 * @throws InvalidPoolSpecException naming the first invalid parameter
	 */
	public void validate() {
		if (this.mode == null) {
			throw new InvalidPoolSpecException("mode", "null",
					"mode is missing; use one of max, avg, min, lp, gradient");
		}
		validateOutputSize();
		validateModeParameters();
		if (adaptive()) {
			return;
		}

		requireAtLeast("kernelHeight", this.kernelHeight, 1, "a kernel");
		requireAtLeast("kernelWidth", this.kernelWidth, 1, "a kernel");
		requireAtLeast("strideHeight", this.strideHeight, 1, "a stride");
		requireAtLeast("strideWidth", this.strideWidth, 1, "a stride");
		requireAtLeast("paddingHeight", this.paddingHeight, 0, "a padding");
		requireAtLeast("paddingWidth", this.paddingWidth, 0, "a padding");
		requireAtLeast("dilationHeight", this.dilationHeight, 1, "a dilation");
		requireAtLeast("dilationWidth", this.dilationWidth, 1, "a dilation");

		// PyTorch checks kernel / 2 >= padding with the plain kernel for both max_pool2d and
		// avg_pool2d, which is stricter than its second check against the dilated kernel.
		requireHalfKernel("paddingHeight", this.paddingHeight, "kernelHeight", this.kernelHeight);
		requireHalfKernel("paddingWidth", this.paddingWidth, "kernelWidth", this.kernelWidth);

		if (this.mode == PoolMode.AVG) {
			requireOne("dilationHeight", this.dilationHeight, "dilation", "avg");
			requireOne("dilationWidth", this.dilationWidth, "dilation", "avg");
		}
		if (this.mode == PoolMode.LP) {
			requireZeroPadding("paddingHeight", this.paddingHeight);
			requireZeroPadding("paddingWidth", this.paddingWidth);
		}
	}

	private void validateOutputSize() {
		requireAtLeast("outputHeight", this.outputHeight, 0, "0 for sliding windows or");
		requireAtLeast("outputWidth", this.outputWidth, 0, "0 for sliding windows or");
		if ((this.outputHeight == 0) != (this.outputWidth == 0)) {
			String parameter = (this.outputHeight == 0) ? "outputHeight" : "outputWidth";
			int value = (this.outputHeight == 0) ? this.outputHeight : this.outputWidth;
			throw new InvalidPoolSpecException(parameter, String.valueOf(value), parameter + " " + value
					+ " must be positive when the other output size is set; set both for adaptive pooling, or both to 0");
		}
		if (adaptive() && this.mode == PoolMode.LP) {
			throw new InvalidPoolSpecException("mode", "lp", "mode lp does not support adaptive pooling; "
					+ "use max, avg, min or gradient, or give a kernel in place of the output size");
		}
	}

	private void validateModeParameters() {
		if (this.mode == PoolMode.LP) {
			if (!(this.p > 0) || Double.isInfinite(this.p)) {
				throw new InvalidPoolSpecException("p", String.valueOf(this.p),
						"p " + this.p + " is invalid for lp pooling; use a finite p > 0, for example 2");
			}
		}
		else if (this.p != 0) {
			throw new InvalidPoolSpecException("p", String.valueOf(this.p),
					"p " + this.p + " applies only to lp pooling, not to " + this.mode.label() + "; remove p");
		}

		if (this.divisorOverride < 0) {
			throw new InvalidPoolSpecException("divisorOverride", String.valueOf(this.divisorOverride),
					"divisorOverride " + this.divisorOverride + " is invalid; use 0 for none or a positive divisor");
		}
		if (this.divisorOverride > 0 && (this.mode != PoolMode.AVG || adaptive())) {
			String where = adaptive() ? "sliding-window avg pooling, not to adaptive pooling"
					: "avg pooling, not to " + this.mode.label();
			throw new InvalidPoolSpecException("divisorOverride", String.valueOf(this.divisorOverride),
					"divisorOverride " + this.divisorOverride + " applies only to " + where + "; remove divisorOverride");
		}
	}

	private static void requireAtLeast(String parameter, int value, int minimum, String what) {
		if (value < minimum) {
			throw new InvalidPoolSpecException(parameter, String.valueOf(value),
					parameter + " " + value + " is invalid; use " + what + " of at least " + minimum);
		}
	}

	private static void requireHalfKernel(String parameter, int padding, String kernelParameter, int kernel) {
		if (padding > kernel / 2) {
			throw new InvalidPoolSpecException(parameter, String.valueOf(padding),
					parameter + " " + padding + " is more than half of " + kernelParameter + " " + kernel
							+ "; use " + parameter + " ≤ " + (kernel / 2));
		}
	}

	private void requireOne(String parameter, int value, String what, String modeLabel) {
		if (value != 1) {
			throw new InvalidPoolSpecException(parameter, String.valueOf(value), parameter + " " + value
					+ " is not supported for " + modeLabel + " pooling, which has no " + what + " in PyTorch; use 1");
		}
	}

	private static void requireZeroPadding(String parameter, int value) {
		if (value != 0) {
			throw new InvalidPoolSpecException(parameter, String.valueOf(value), parameter + " " + value
					+ " is not supported for lp pooling, which has no padding in PyTorch; use 0");
		}
	}

	/**
	 * Computes the output rows for an input height, with the rule in the type's description.
	 * @throws InvalidPoolSpecException with parameter {@code kernelHeight} if fewer than one
	 * window fits
	 */
	public int outputHeight(int inputHeight) {
		if (adaptive()) {
			return this.outputHeight;
		}
		return slidingOutputSize("Height", inputHeight, this.kernelHeight, this.strideHeight,
				this.paddingHeight, this.dilationHeight);
	}

	/**
	 * Computes the output columns for an input width, with the rule in the type's description.
	 * @throws InvalidPoolSpecException with parameter {@code kernelWidth} if fewer than one
	 * window fits
	 */
	public int outputWidth(int inputWidth) {
		if (adaptive()) {
			return this.outputWidth;
		}
		return slidingOutputSize("Width", inputWidth, this.kernelWidth, this.strideWidth,
				this.paddingWidth, this.dilationWidth);
	}

	private int slidingOutputSize(String axis, int input, int kernel, int stride, int padding, int dilation) {
		if (input < 1) {
			throw new IllegalArgumentException("input " + axis.toLowerCase() + " must be positive, got " + input);
		}

		// Mirrors PyTorch's pooling_output_shape, with floor division as its div_rtn.
		long span = input + 2L * padding - (long) dilation * (kernel - 1) - 1;
		long size = Math.floorDiv(span + (this.ceilMode ? stride - 1 : 0), (long) stride) + 1;
		if (this.ceilMode && (size - 1) * stride >= input + (long) padding) {
			size--;
		}
		if (size < 1) {
			long largestKernel = (input + 2L * padding - 1) / dilation + 1;
			throw new InvalidPoolSpecException("kernel" + axis, String.valueOf(kernel), "kernel" + axis + " "
					+ kernel + " with dilation" + axis + " " + dilation + " and padding" + axis + " " + padding
					+ " does not fit input " + axis.toLowerCase() + " " + input + ", so the output "
					+ axis.toLowerCase() + " would be " + size + "; use kernel" + axis + " ≤ " + largestKernel);
		}
		return (int) size;
	}

	/**
	 * Describes the operation for logs and the dashboard, for example {@code "max 2×2 / 2"},
	 * {@code "avg 3×3 / 2 pad 1"}, {@code "adaptive avg → 7×7"}, {@code "lp p=2 2×2 / 2"} or
	 * {@code "gradient + max 2×2 / 2"}.
	 */
	public String describe() {
		String name = describeMode();
		if (adaptive()) {
			return "adaptive " + name + " → " + this.outputHeight + "×" + this.outputWidth;
		}

		StringBuilder text = new StringBuilder(name).append(' ')
				.append(this.kernelHeight).append('×').append(this.kernelWidth)
				.append(" / ").append(pair(this.strideHeight, this.strideWidth));
		if (this.paddingHeight != 0 || this.paddingWidth != 0) {
			text.append(" pad ").append(pair(this.paddingHeight, this.paddingWidth));
		}
		if (this.dilationHeight != 1 || this.dilationWidth != 1) {
			text.append(" dilation ").append(pair(this.dilationHeight, this.dilationWidth));
		}
		if (this.ceilMode) {
			text.append(" ceil");
		}
		if (this.mode == PoolMode.AVG && !this.countIncludePad) {
			text.append(" exclude pad");
		}
		if (this.divisorOverride > 0) {
			text.append(" divisor ").append(this.divisorOverride);
		}
		return text.toString();
	}

	private String describeMode() {
		if (this.mode == null) {
			return "unset";
		}
		return switch (this.mode) {
			case GRADIENT -> "gradient + max";
			case LP -> "lp p=" + formatExponent(this.p);
			default -> this.mode.label();
		};
	}

	private static String pair(int height, int width) {
		return (height == width) ? String.valueOf(height) : height + "×" + width;
	}

	private static String formatExponent(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.valueOf((long) value);
		}
		return String.valueOf(value);
	}


	/**
	 * Builds a {@link PoolSpec} step by step. Not thread-safe.
	 */
	public static final class Builder {

		private PoolMode mode;

		private int kernelHeight;

		private int kernelWidth;

		private int strideHeight;

		private int strideWidth;

		private int paddingHeight;

		private int paddingWidth;

		private int dilationHeight = 1;

		private int dilationWidth = 1;

		private boolean ceilMode;

		private boolean countIncludePad = true;

		private int divisorOverride;

		private Double p;

		private int outputHeight;

		private int outputWidth;


		private Builder() {
		}


		public Builder mode(PoolMode mode) {
			this.mode = mode;
			return this;
		}

		/** Sets a square kernel. */
		public Builder kernel(int size) {
			return kernel(size, size);
		}

		public Builder kernel(int height, int width) {
			this.kernelHeight = height;
			this.kernelWidth = width;
			return this;
		}

		/** Sets the stride in both axes. The default 0 means the kernel size. */
		public Builder stride(int stride) {
			return stride(stride, stride);
		}

		/** Sets the stride per axis. The default 0 means the kernel size of that axis. */
		public Builder stride(int height, int width) {
			this.strideHeight = height;
			this.strideWidth = width;
			return this;
		}

		public Builder padding(int padding) {
			return padding(padding, padding);
		}

		public Builder padding(int height, int width) {
			this.paddingHeight = height;
			this.paddingWidth = width;
			return this;
		}

		public Builder dilation(int dilation) {
			return dilation(dilation, dilation);
		}

		public Builder dilation(int height, int width) {
			this.dilationHeight = height;
			this.dilationWidth = width;
			return this;
		}

		public Builder ceilMode(boolean ceilMode) {
			this.ceilMode = ceilMode;
			return this;
		}

		public Builder countIncludePad(boolean countIncludePad) {
			this.countIncludePad = countIncludePad;
			return this;
		}

		/** Sets a fixed avg divisor. The default 0 means none. */
		public Builder divisorOverride(int divisor) {
			this.divisorOverride = divisor;
			return this;
		}

		/** Sets the lp exponent. Unset, it is 2 for lp and 0 for the other modes. */
		public Builder p(double p) {
			this.p = p;
			return this;
		}

		/** Selects adaptive pooling to a square output. */
		public Builder outputSize(int size) {
			return outputSize(size, size);
		}

		/** Selects adaptive pooling to the given output rows and columns. */
		public Builder outputSize(int height, int width) {
			this.outputHeight = height;
			this.outputWidth = width;
			return this;
		}

		/**
		 * Builds and validates the spec.
		 * @throws InvalidPoolSpecException naming the first invalid parameter
		 */
		public PoolSpec build() {
			PoolSpec spec = new PoolSpec(this.mode, this.kernelHeight, this.kernelWidth,
					(this.strideHeight != 0) ? this.strideHeight : this.kernelHeight,
					(this.strideWidth != 0) ? this.strideWidth : this.kernelWidth,
					this.paddingHeight, this.paddingWidth, this.dilationHeight, this.dilationWidth,
					this.ceilMode, this.countIncludePad, this.divisorOverride,
					(this.p != null) ? this.p : defaultP(this.mode), this.outputHeight, this.outputWidth);
			spec.validate();
			return spec;
		}

	}

}
