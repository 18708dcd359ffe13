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
 * Compares the optimized raster kernels with {@link ReferencePooling} on random shapes and
 * parameters, and checks band splitting and ordering invariants.
 */
class RasterPoolerPropertyTests {

	@Property(tries = 1500)
	void rasterPoolingMatchesReference(@ForAll("cases") PoolingCase poolingCase, @ForAll("seeds") long seed) {
		Raster input = poolingCase.randomRaster(new Random(seed));
		RasterPooler pooler = RasterPooler.of(poolingCase.spec(), input.width(), input.height(), input.channels());

		Raster output = pooler.pool(input);

		assertThat(Rasters.samples(output)).as(poolingCase.toString())
				.containsExactly(ReferencePooling.poolRaster(poolingCase.spec(), input));
	}

	@Property(tries = 500)
	void poolRowsOverDisjointBandsEqualsPool(@ForAll("cases") PoolingCase poolingCase, @ForAll("seeds") long seed) {
		Random random = new Random(seed);
		Raster input = poolingCase.randomRaster(random);
		RasterPooler pooler = RasterPooler.of(poolingCase.spec(), input.width(), input.height(), input.channels());
		int[] cuts = randomCuts(random, pooler.outputHeight());
		Raster banded = pooler.allocateOutput();

		IntStream.range(0, cuts.length - 1).parallel()
				.forEach((band) -> pooler.poolRows(input, banded, cuts[band], cuts[band + 1]));

		assertThat(banded.samples()).as(poolingCase + " in bands " + Arrays.toString(cuts))
				.containsExactly(pooler.pool(input).samples());
	}

	@Property(tries = 500)
	void maxIsAtLeastAvgIsAtLeastMin(@ForAll("cases") PoolingCase poolingCase, @ForAll("seeds") long seed) {
		Raster input = poolingCase.randomRaster(new Random(seed));
		PoolSpec spec = poolingCase.spec();
		// Every window must hold a real sample, and avg must divide by the number of them.
		PoolSpec max = withModeWithoutDilation(spec, PoolMode.MAX);
		PoolSpec avg = withModeWithoutDilation(spec, PoolMode.AVG);
		PoolSpec min = withModeWithoutDilation(spec, PoolMode.MIN);

		int[] largest = Rasters.samples(pool(max, input));
		int[] mean = Rasters.samples(pool(avg, input));
		int[] smallest = Rasters.samples(pool(min, input));

		for (int i = 0; i < mean.length; i++) {
			assertThat(largest[i]).as("max at %d of %s", i, avg.describe()).isGreaterThanOrEqualTo(mean[i]);
			assertThat(mean[i]).as("avg at %d of %s", i, avg.describe()).isGreaterThanOrEqualTo(smallest[i]);
		}
	}

	@Property(tries = 300)
	void constantRasterStaysConstant(@ForAll("cases") PoolingCase poolingCase, @ForAll("levels") int level) {
		Raster input = Rasters.filled(poolingCase.width(), poolingCase.height(), poolingCase.channels(), level);

		for (PoolMode mode : new PoolMode[] { PoolMode.MAX, PoolMode.AVG, PoolMode.MIN }) {
			PoolSpec spec = withModeWithoutDilation(poolingCase.spec(), mode);

			Raster output = pool(spec, input);

			assertThat(Rasters.samples(output)).as(spec.describe()).containsOnly(level);
		}
	}

	@Provide
	Arbitrary<PoolingCase> cases() {
		return Arbitraries.randomValue((random) -> PoolingCase.random(random, true));
	}

	@Provide
	Arbitrary<Long> seeds() {
		return Arbitraries.longs();
	}

	@Provide
	Arbitrary<Integer> levels() {
		return Arbitraries.integers().between(0, 255);
	}

	/**
	 * Splits {@code [0, rows]} at random, sorted cut points, which may repeat to make empty bands.
	 */
	static int[] randomCuts(Random random, int rows) {
		int bands = 1 + random.nextInt(Math.min(rows, 5));
		int[] cuts = new int[bands + 1];
		for (int i = 1; i < bands; i++) {
			cuts[i] = random.nextInt(rows + 1);
		}
		cuts[bands] = rows;
		Arrays.sort(cuts);
		return cuts;
	}

	/**
	 * Returns the spec's windows with another mode, dilation 1, no divisor override and avg
	 * counting only real samples, keeping adaptive sizes.
	 */
	private static PoolSpec withModeWithoutDilation(PoolSpec spec, PoolMode mode) {
		return new PoolSpec(mode, spec.kernelHeight(), spec.kernelWidth(), spec.strideHeight(), spec.strideWidth(),
				spec.paddingHeight(), spec.paddingWidth(), 1, 1, spec.ceilMode(), false, 0, 0,
				spec.outputHeight(), spec.outputWidth());
	}

	private static Raster pool(PoolSpec spec, Raster input) {
		return RasterPooler.of(spec, input.width(), input.height(), input.channels()).pool(input);
	}

}
