package io.poolstream.pooling;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the tensor kernels with {@link ReferencePooling} on random shapes, parameters and
 * values with NaN, and checks band splitting across planes.
 */
class TensorPoolerPropertyTests {

	@Property(tries = 1000)
	void tensorPoolingMatchesReference(@ForAll("cases") PoolingCase poolingCase, @ForAll("seeds") long seed) {
		Tensor input = poolingCase.randomTensor(new Random(seed), poolingCase.spec().mode() != PoolMode.LP);
		TensorPooler pooler = TensorPooler.of(poolingCase.spec(), input.shape());

		Tensor output = pooler.pool(input);

		float[] expected = ReferencePooling.poolTensor(poolingCase.spec(), input);
		assertThat(Arrays.equals(output.data(), expected))
				.as("%s: got %s, expected %s", poolingCase, Arrays.toString(output.data()), Arrays.toString(expected))
				.isTrue();
	}

	@Property(tries = 300)
	void poolRowsOverDisjointBandsEqualsPool(@ForAll("cases") PoolingCase poolingCase, @ForAll("seeds") long seed) {
		Random random = new Random(seed);
		Tensor input = poolingCase.randomTensor(random, true);
		TensorPooler pooler = TensorPooler.of(poolingCase.spec(), input.shape());
		int[] cuts = RasterPoolerPropertyTests.randomCuts(random, pooler.outputRows());
		Tensor banded = pooler.allocateOutput();

		IntStream.range(0, cuts.length - 1).parallel()
				.forEach((band) -> pooler.poolRows(input, banded, cuts[band], cuts[band + 1]));

		assertThat(banded).as(poolingCase + " in bands " + Arrays.toString(cuts)).isEqualTo(pooler.pool(input));
	}

	@Provide
	Arbitrary<PoolingCase> cases() {
		return Arbitraries.randomValue((random) -> PoolingCase.random(random, true));
	}

	@Provide
	Arbitrary<Long> seeds() {
		return Arbitraries.longs();
	}

}
