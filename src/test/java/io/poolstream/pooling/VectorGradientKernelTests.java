package io.poolstream.pooling;

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
 * Runs the Vector API gradient kernel and the scalar one in the same JVM and compares both with
 * {@link ReferencePooling}, on rasters wide enough for whole vectors plus a scalar tail.
 */
class VectorGradientKernelTests {

	@Test
	void vectorKernelServesTwoByTwoGradient() {
		PoolSpec spec = PoolSpec.of(PoolMode.GRADIENT, 2);

		RasterPooler vector = RasterPooler.of(spec, 640, 480, 3, true);
		RasterPooler scalar = RasterPooler.of(spec, 640, 480, 3, false);

		assertThat(vector.kernelName()).isEqualTo("VectorGradientKernel");
		assertThat(scalar.kernelName()).isEqualTo("GradientRasterKernel");
	}

	@Property(tries = 300)
	void vectorAndScalarGradientMatchReference(@ForAll("sizes") int[] size, @ForAll("seeds") long seed) {
		int width = size[0];
		int height = size[1];
		int channels = size[2];
		Random random = new Random(seed);
		byte[] samples = new byte[width * height * channels];
		random.nextBytes(samples);
		Raster input = new Raster(width, height, channels, samples);
		PoolSpec spec = PoolSpec.of(PoolMode.GRADIENT, 2);
		String label = width + "x" + height + "x" + channels;

		Raster vector = RasterPooler.of(spec, width, height, channels, true).pool(input);
		Raster scalar = RasterPooler.of(spec, width, height, channels, false).pool(input);

		int[] expected = ReferencePooling.poolRaster(spec, input);
		assertThat(Rasters.samples(vector)).as("vector " + label).containsExactly(expected);
		assertThat(Rasters.samples(scalar)).as("scalar " + label).containsExactly(expected);
	}

	@Test
	void strongEdgesClampTo255() {
		// Stripes of 0 and 255 give squared magnitudes far above 255², and the borders replicate.
		int width = 150;
		int height = 6;
		byte[] samples = new byte[width * height * 3];
		for (int i = 0; i < samples.length; i++) {
			int x = (i / 3) % width;
			int y = i / (3 * width);
			samples[i] = (byte) ((((x / 2) + y) % 2 == 0) ? 255 : 0);
		}
		Raster input = new Raster(width, height, 3, samples);
		PoolSpec spec = PoolSpec.of(PoolMode.GRADIENT, 2);

		Raster output = RasterPooler.of(spec, width, height, 3, true).pool(input);

		assertThat(Rasters.samples(output)).containsExactly(ReferencePooling.poolRaster(spec, input));
		assertThat(Rasters.samples(output)).contains(255);
	}

	/**
	 * Width, height and channels, with odd sizes whose last column or row no window reads.
	 */
	@Provide
	Arbitrary<int[]> sizes() {
		return Combinators.combine(Arbitraries.integers().between(2, 200), Arbitraries.integers().between(2, 9),
				Arbitraries.integers().between(1, 4))
			.as((width, height, channels) -> new int[] { width, height, channels });
	}

	@Provide
	Arbitrary<Long> seeds() {
		return Arbitraries.longs();
	}

}
