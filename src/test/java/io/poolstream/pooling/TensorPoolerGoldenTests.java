package io.poolstream.pooling;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares float32 tensor pooling with results PyTorch 1.13 computed, read from
 * {@code src/test/resources/golden/tensor-*.json} (see {@code tools/golden/generate.py}).
 *
 * <p>Every value must have the same bits as PyTorch's, with all NaNs counted as equal. The
 * exception is a case the generator marked with {@code "ulp": N}, where PyTorch's vectorized
 * code rounds differently from the scalar loops that poolstream follows. Such a value may differ
 * by up to N units in the last place, but NaN and infinities must still match exactly. The only
 * such cases are lp with an exponent p or 1 / p for which PyTorch's AVX2 loop runs SLEEF's
 * float32 pow on a tensor of 16 elements or more. They allow 1 ulp for each of the two pow steps
 * that runs so.
 */
class TensorPoolerGoldenTests {

	/** Mismatches listed in a failure message, enough to see a pattern. */
	private static final int MISMATCHES_SHOWN = 8;


	static List<GoldenCase> maxCases() {
		return GoldenCase.load("tensor-max");
	}

	static List<GoldenCase> minCases() {
		return GoldenCase.load("tensor-min");
	}

	static List<GoldenCase> avgCases() {
		return GoldenCase.load("tensor-avg");
	}

	static List<GoldenCase> lpCases() {
		return GoldenCase.load("tensor-lp");
	}

	static List<GoldenCase> gradientCases() {
		return GoldenCase.load("tensor-gradient");
	}

	static List<GoldenCase> adaptiveCases() {
		return GoldenCase.load("tensor-adaptive");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("maxCases")
	void maxMatchesPyTorch(GoldenCase golden) {
		assertMatchesPyTorch(golden);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("minCases")
	void minMatchesPyTorch(GoldenCase golden) {
		assertMatchesPyTorch(golden);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("avgCases")
	void avgMatchesPyTorch(GoldenCase golden) {
		assertMatchesPyTorch(golden);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lpCases")
	void lpMatchesPyTorch(GoldenCase golden) {
		assertMatchesPyTorch(golden);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("gradientCases")
	void gradientMatchesPyTorch(GoldenCase golden) {
		assertMatchesPyTorch(golden);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("adaptiveCases")
	void adaptiveMatchesPyTorch(GoldenCase golden) {
		assertMatchesPyTorch(golden);
	}

	private static void assertMatchesPyTorch(GoldenCase golden) {
		Tensor input = new Tensor(golden.inputShape(), GoldenCase.floats(golden.input().get("data")));
		int[] expectedShape = GoldenCase.ints(golden.expected().get("shape"));
		float[] expected = GoldenCase.floats(golden.expected().get("data"));

		Tensor output = TensorPooler.of(golden.spec(), golden.inputShape()).pool(input);

		assertThat(output.shape()).as("output shape").containsExactly(expectedShape);
		assertThat(mismatches(expected, output.data(), golden.allowedUlps()))
				.as("values more than %d ulp from PyTorch's, as index: expected, actual",
						golden.allowedUlps())
				.isEmpty();
	}

	private static List<String> mismatches(float[] expected, float[] actual, int allowedUlps) {
		List<String> mismatches = new ArrayList<>();
		for (int i = 0; i < expected.length && mismatches.size() < MISMATCHES_SHOWN; i++) {
			if (ulpDistance(expected[i], actual[i]) > allowedUlps) {
				mismatches.add(i + ": " + expected[i] + ", " + actual[i]);
			}
		}
		return mismatches;
	}

	/**
	 * Returns the number of float32 values between two values, 0 for equal bits or two NaNs, and
	 * {@code Long.MAX_VALUE} when exactly one is NaN or infinite, so that those never pass on a
	 * tolerance.
	 */
	static long ulpDistance(float expected, float actual) {
		int expectedBits = Float.floatToIntBits(expected);
		int actualBits = Float.floatToIntBits(actual);
		if (expectedBits == actualBits) {
			return 0;
		}
		if (!Float.isFinite(expected) || !Float.isFinite(actual)) {
			return Long.MAX_VALUE;
		}
		return Math.abs(ordered(expectedBits) - ordered(actualBits));
	}

	/**
	 * Maps float bits to a long that increases with the value, with -0.0 just below +0.0.
	 */
	private static long ordered(int bits) {
		return (bits >= 0) ? bits : (long) Integer.MIN_VALUE - bits - 1;
	}

}
