package io.poolstream.pooling;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The float32 2×2 stride-2 rows with and without the Vector API kernel, in one JVM, against each
 * other bit for bit, with every NaN counting as one value. The rows are wide enough for whole
 * vectors plus a scalar tail, and the data is full of NaN, infinities and both zeros.
 */
class VectorPairRowKernelTests {

	private static final float[] SPECIAL = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.0f,
			-0.0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-45f };


	@ParameterizedTest
	@EnumSource(value = PoolMode.class, names = { "MAX", "MIN", "AVG" })
	void vectorRowsMatchScalarRowsBitForBit(PoolMode mode) {
		assertVectorMatchesScalar(PoolSpec.of(mode, 2));
	}

	@ParameterizedTest
	@ValueSource(ints = { 3, 4, 8, 7 })
	void divisorOverrideMatchesScalarBitForBit(int divisor) {
		// Powers of two multiply by the reciprocal, other divisors divide.
		assertVectorMatchesScalar(PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(divisor).build());
	}

	private static void assertVectorMatchesScalar(PoolSpec spec) {
		Random random = new Random(29);
		for (int width : new int[] { 2, 17, 34, 35, 64, 101, 258 }) {
			int[] shape = { 2, 7, width };
			float[] data = new float[2 * 7 * width];
			for (int i = 0; i < data.length; i++) {
				data[i] = (random.nextInt(3) == 0) ? SPECIAL[random.nextInt(SPECIAL.length)]
						: (float) random.nextGaussian();
			}
			Tensor input = new Tensor(shape, data);

			float[] vector = TensorPooler.of(spec, shape, true).pool(input).data();
			float[] scalar = TensorPooler.of(spec, shape, false).pool(input).data();

			assertThat(vector).hasSameSizeAs(scalar);
			for (int i = 0; i < vector.length; i++) {
				assertThat(Float.floatToIntBits(vector[i])).as("%s, width %d, output %d", spec.describe(), width, i)
					.isEqualTo(Float.floatToIntBits(scalar[i]));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = PoolMode.class, names = { "MAX", "MIN" })
	void zeroTiesKeepFirstZero(PoolMode mode) {
		// PyTorch replaces the running max or min only by a strictly larger or smaller value, so
		// a window of zeros keeps the sign of its first zero.
		int width = 80;
		float[] data = new float[2 * width];
		for (int x = 0; x < width; x++) {
			data[x] = (x % 4 < 2) ? -0.0f : 0.0f;
			data[width + x] = (x % 3 == 0) ? 0.0f : -0.0f;
		}
		Tensor input = new Tensor(new int[] { 2, width }, data);

		for (boolean vectorKernels : new boolean[] { true, false }) {
			float[] output = TensorPooler.of(PoolSpec.of(mode, 2), input.shape(), vectorKernels).pool(input).data();

			for (int ox = 0; ox < width / 2; ox++) {
				float expected = data[2 * ox];
				assertThat(Float.floatToIntBits(output[ox])).as("vector %b, output %d", vectorKernels, ox)
					.isEqualTo(Float.floatToIntBits(expected));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 3 })
	void averageOfNegativeZerosIsPositiveZero(int divisorOverride) {
		// PyTorch's avg_pool2d sums from +0.0, and +0.0 + -0.0 is +0.0, so a window of four -0.0
		// averages to +0.0, not -0.0.
		int width = 80;
		float[] data = new float[2 * width];
		Arrays.fill(data, -0.0f);
		Tensor input = new Tensor(new int[] { 2, width }, data);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(divisorOverride).build();

		for (boolean vectorKernels : new boolean[] { true, false }) {
			float[] output = TensorPooler.of(spec, input.shape(), vectorKernels).pool(input).data();

			for (int ox = 0; ox < width / 2; ox++) {
				assertThat(Float.floatToIntBits(output[ox])).as("vector %b, output %d", vectorKernels, ox)
					.isEqualTo(Float.floatToIntBits(0.0f));
			}
		}
	}

}
