package io.poolstream.pooling;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Vector API kernels and the scalar kernels in the same JVM and compares both with
 * {@link ReferencePooling}, on rasters wide enough for whole vectors plus a scalar tail.
 */
class VectorRasterKernelTests {

	private static final PoolMode[] MODES = { PoolMode.MAX, PoolMode.MIN, PoolMode.AVG };


	@Test
	void vectorModuleIsLoadedInTests() {
		// Without the module every other test here would only check the scalar kernels twice.
		assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
		assertThat(VectorKernels.available()).isTrue();
	}

	@Test
	void vectorKernelServesStrideTwoWindows() {
		for (int kernel : new int[] { 2, 3 }) {
			for (PoolMode mode : MODES) {
				PoolSpec spec = PoolSpec.builder().mode(mode).kernel(kernel).stride(2).build();

				RasterPooler vector = RasterPooler.of(spec, 640, 480, 3, true);
				RasterPooler scalar = RasterPooler.of(spec, 640, 480, 3, false);

				assertThat(vector.kernelName()).as(spec.describe()).isEqualTo("VectorRasterKernel");
				assertThat(scalar.kernelName()).as(spec.describe()).isNotEqualTo("VectorRasterKernel");
			}
		}
	}

	@Test
	void vectorKernelSkipsOtherGeometries() {
		PoolSpec padded = PoolSpec.builder().mode(PoolMode.MAX).kernel(3).stride(2).padding(1).build();
		PoolSpec ceil = PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).ceilMode(true).build();
		PoolSpec divisor = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(3).build();

		for (PoolSpec spec : new PoolSpec[] { padded, ceil, divisor }) {
			RasterPooler pooler = RasterPooler.of(spec, 64, 64, 3, true);

			assertThat(pooler.kernelName()).as(spec.describe()).isNotEqualTo("VectorRasterKernel");
		}
	}

	@Property(tries = 400)
	void vectorAndScalarKernelsMatchReference(@ForAll("specs") PoolSpec spec, @ForAll("sizes") int[] size,
			@ForAll("seeds") long seed) {
		int width = size[0];
		int height = size[1];
		int channels = size[2];
		Raster input = randomRaster(new Random(seed), width, height, channels);
		String label = spec.describe() + " on " + width + "x" + height + "x" + channels;

		Raster vector = RasterPooler.of(spec, width, height, channels, true).pool(input);
		Raster scalar = RasterPooler.of(spec, width, height, channels, false).pool(input);

		int[] expected = ReferencePooling.poolRaster(spec, input);
		assertThat(Rasters.samples(vector)).as("vector " + label).containsExactly(expected);
		assertThat(Rasters.samples(scalar)).as("scalar " + label).containsExactly(expected);
	}

	@Property(tries = 200)
	void vectorBandsEqualWholeRaster(@ForAll("specs") PoolSpec spec, @ForAll("sizes") int[] size,
			@ForAll("seeds") long seed) {
		Random random = new Random(seed);
		Raster input = randomRaster(random, size[0], size[1], size[2]);
		RasterPooler pooler = RasterPooler.of(spec, size[0], size[1], size[2], true);
		int[] cuts = RasterPoolerPropertyTests.randomCuts(random, pooler.outputHeight());
		Raster banded = pooler.allocateOutput();

		for (int band = cuts.length - 2; band >= 0; band--) {
			pooler.poolRows(input, banded, cuts[band], cuts[band + 1]);
		}

		assertThat(banded.samples()).as(spec.describe() + " in bands " + Arrays.toString(cuts))
			.containsExactly(pooler.pool(input).samples());
	}

	@Test
	void extremeSamplesPoolExactly() {
		// 0, 127, 128 and 255 sit at the edges of the signed byte order that the max and min
		// loops compare in, and 255 in every tap is the largest 2×2 and 3×3 sum.
		int width = 301;
		int height = 9;
		int[] levels = { 0, 127, 128, 255 };
		byte[] samples = new byte[width * height * 3];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (byte) levels[(i * 7 + i / 5) % levels.length];
		}
		Raster mixed = new Raster(width, height, 3, samples);
		Raster white = Rasters.filled(width, height, 3, 255);

		for (Raster input : new Raster[] { mixed, white }) {
			for (int kernel : new int[] { 2, 3 }) {
				for (PoolMode mode : MODES) {
					PoolSpec spec = PoolSpec.builder().mode(mode).kernel(kernel).stride(2).build();

					Raster output = RasterPooler.of(spec, width, height, 3, true).pool(input);

					assertThat(Rasters.samples(output)).as(spec.describe())
						.containsExactly(ReferencePooling.poolRaster(spec, input));
				}
			}
		}
	}

	@Test
	void ninthsMultiplierRoundsEverySum() {
		// The 3×3 avg loop divides by 9 as ((s + 4) * 7282) >>> 16. Nine is odd, so no quotient
		// is a tie, and the rounded quotient is the nearest integer.
		for (int sum = 0; sum <= 9 * 255; sum++) {
			int expected = (int) Math.rint(sum / 9.0);

			int actual = ((sum + 4) * 7282) >>> 16;

			if (actual != expected) {
				assertThat(actual).as("sum %d", sum).isEqualTo(expected);
			}
		}
	}

	@Provide
	Arbitrary<PoolSpec> specs() {
		Arbitrary<PoolMode> modes = Arbitraries.of(MODES);
		Arbitrary<Integer> kernels = Arbitraries.of(2, 3);
		return Combinators.combine(modes, kernels, Arbitraries.of(false, true)).as((mode, kernel, override) -> {
			PoolSpec.Builder builder = PoolSpec.builder().mode(mode).kernel(kernel).stride(2);
			if (override && mode == PoolMode.AVG) {
				builder.divisorOverride(kernel * kernel);
			}
			return builder.build();
		});
	}

	/**
	 * Width, height and channels: widths from a few pixels, all scalar, to several vectors of
	 * 512 bits, with odd sizes whose last column or row no window reads.
	 */
	@Provide
	Arbitrary<int[]> sizes() {
		return Combinators.combine(Arbitraries.integers().between(3, 200), Arbitraries.integers().between(3, 12),
				Arbitraries.integers().between(1, 4))
			.as((width, height, channels) -> new int[] { width, height, channels });
	}

	@Provide
	Arbitrary<Long> seeds() {
		return Arbitraries.longs();
	}

	private static Raster randomRaster(Random random, int width, int height, int channels) {
		byte[] samples = new byte[width * height * channels];
		random.nextBytes(samples);
		return new Raster(width, height, channels, samples);
	}

}
