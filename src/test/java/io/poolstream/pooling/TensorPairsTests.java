package io.poolstream.pooling;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2×2 stride-2 fast path of the tensor kernel against the plain reference, on data full of
 * the values where an order or a shortcut would show: NaN, infinities and both zeros.
 */
class TensorPairsTests {

	private static final float[] SPECIAL = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.0f,
			-0.0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-45f };


	@ParameterizedTest
	@EnumSource(value = PoolMode.class, names = { "MAX", "MIN", "AVG" })
	void pairsMatchReferenceBitForBit(PoolMode mode) {
		Random random = new Random(17);
		float[] data = new float[3 * 6 * 10];
		for (int i = 0; i < data.length; i++) {
			data[i] = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (float) random.nextGaussian();
		}
		Tensor input = new Tensor(new int[] { 3, 6, 10 }, data);
		PoolSpec spec = PoolSpec.of(mode, 2);

		float[] fast = TensorPooler.of(spec, input.shape()).pool(input).data();
		float[] reference = ReferencePooling.poolTensor(spec, input);

		assertThat(fast).hasSize(reference.length);
		for (int i = 0; i < fast.length; i++) {
			assertThat(Float.floatToIntBits(fast[i])).as("output %d", i).isEqualTo(Float.floatToIntBits(reference[i]));
		}
	}

}
