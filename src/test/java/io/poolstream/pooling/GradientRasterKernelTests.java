package io.poolstream.pooling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rounded square root that turns a squared gradient magnitude into a sample, at the ends of
 * its lookup table and beyond.
 */
class GradientRasterKernelTests {

	@Test
	void roundedRootMatchesMathOverTable() {
		for (int square = 0; square <= 70_000; square++) {
			long expected = Math.min(255, Math.round(Math.sqrt(square)));
			assertThat(GradientRasterKernel.roundedRoot(square)).as("square %d", square).isEqualTo((int) expected);
		}
	}

	@Test
	void roundedRootClampsLargeSquares() {
		// |gx| and |gy| are at most 4 * 255, so squares reach 2 * 1020².
		assertThat(GradientRasterKernel.roundedRoot(65_281)).isEqualTo(255);
		assertThat(GradientRasterKernel.roundedRoot(2 * 1020 * 1020)).isEqualTo(255);
		assertThat(GradientRasterKernel.roundedRoot(Integer.MAX_VALUE)).isEqualTo(255);
	}

}
