package io.poolstream.pooling;

/**
 * Float32 power with a scalar exponent, taking the same shortcuts as PyTorch's {@code pow}
 * (ATen's {@code pow_tensor_scalar} CPU kernels), so that results match it in the last bit
 * for the common exponents.
 */
final class TorchPow {

	private TorchPow() {
	}


	/**
	 * Computes {@code base^exponent} in float32. Exponents 0, 1, 0.5, -0.5, -1, 2, 3 and -2 use
	 * the operations PyTorch uses ({@code 1}, a copy, {@code sqrt}, {@code 1 / sqrt},
	 * {@code 1 / x}, {@code x * x}, {@code x * x * x}, {@code 1 / (x * x)}). Other exponents
	 * use {@link Math#pow} in double, rounded to float, as PyTorch's scalar loop does.
	 */
	// NOTE: PyTorch's vectorized loop uses SLEEF's float32 pow for other exponents, which may
	// differ from this in the last bit.
	static float pow(float base, double exponent) {
		if (exponent == 0) {
			return 1f;
		}
		if (exponent == 1) {
			return base;
		}
		if (exponent == 0.5) {
			return (float) Math.sqrt(base);
		}
		if (exponent == -0.5) {
			return 1f / (float) Math.sqrt(base);
		}
		if (exponent == -1) {
			return 1f / base;
		}
		if (exponent == 2) {
			return base * base;
		}
		if (exponent == 3) {
			return base * base * base;
		}
		if (exponent == -2) {
			return 1f / (base * base);
		}
		return (float) Math.pow(base, exponent);
	}

}
