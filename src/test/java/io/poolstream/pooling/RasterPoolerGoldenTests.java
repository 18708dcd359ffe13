package io.poolstream.pooling;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares 8-bit raster pooling with {@code src/test/resources/golden/raster.json}: PyTorch 1.13
 * pooled each raster in float64, and the generator rounded half to even and clamped to 0..255
 * (see {@code tools/golden/generate.py}). Every sample must match exactly.
 */
class RasterPoolerGoldenTests {

	static List<GoldenCase> rasterCases() {
		return GoldenCase.load("raster");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rasterCases")
	void rasterMatchesPyTorch(GoldenCase golden) {
		int[] shape = golden.inputShape();
		Raster input = Rasters.of(shape[1], shape[0], shape[2], GoldenCase.ints(golden.input().get("data")));
		int[] expectedShape = GoldenCase.ints(golden.expected().get("shape"));

		Raster output = RasterPooler.of(golden.spec(), input.width(), input.height(), input.channels()).pool(input);

		assertThat(new int[] { output.height(), output.width(), output.channels() }).as("output shape")
				.containsExactly(expectedShape);
		assertThat(Rasters.samples(output)).containsExactly(GoldenCase.ints(golden.expected().get("data")));
	}

}
