package io.poolstream.pooling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Hand-computed pooling results on small rasters, one mode or edge case per test.
 */
class RasterPoolerTests {

	private static final Raster ONE_TO_NINE = Rasters.gray(3, 3,
			1, 2, 3,
			4, 5, 6,
			7, 8, 9);


	@Test
	void maxPoolingKeepsLargestSample() {
		Raster input = Rasters.gray(4, 2,
				1, 5, 2, 0,
				3, 4, 9, 8);

		Raster output = pool(PoolSpec.of(PoolMode.MAX, 2), input);

		assertThat(output.width()).isEqualTo(2);
		assertThat(output.height()).isEqualTo(1);
		assertThat(Rasters.samples(output)).containsExactly(5, 9);
	}

	@Test
	void minPoolingKeepsSmallestSample() {
		Raster input = Rasters.gray(4, 2,
				1, 5, 2, 0,
				3, 4, 9, 8);

		Raster output = pool(PoolSpec.of(PoolMode.MIN, 2), input);

		assertThat(Rasters.samples(output)).containsExactly(1, 0);
	}

	@Test
	void avgPoolingRoundsToNearest() {
		Raster input = Rasters.gray(4, 2,
				1, 5, 2, 0,
				3, 4, 9, 8);

		Raster output = pool(PoolSpec.of(PoolMode.AVG, 2), input);

		// 13 / 4 = 3.25 and 19 / 4 = 4.75.
		assertThat(Rasters.samples(output)).containsExactly(3, 5);
	}

	@Test
	void avgPoolingRoundsTiesToEven() {
		Raster input = Rasters.gray(8, 2,
				0, 1, 1, 2, 2, 3, 3, 4,
				1, 0, 2, 1, 3, 2, 4, 3);

		Raster output = pool(PoolSpec.of(PoolMode.AVG, 2), input);

		// Sums 2, 6, 10, 14 give 0.5, 1.5, 2.5, 3.5.
		assertThat(Rasters.samples(output)).containsExactly(0, 2, 2, 4);
	}

	@Test
	void generalAvgKernelRoundsTiesToEven() {
		Raster input = Rasters.gray(6, 1, 0, 1, 1, 2, 2, 3);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(1, 2).build();

		Raster output = pool(spec, input);

		// 0.5, 1.5 and 2.5.
		assertThat(Rasters.samples(output)).containsExactly(0, 2, 2);
	}

	@Test
	void channelsArePooledIndependently() {
		Raster input = Rasters.of(2, 2, 3,
				10, 200, 0, 20, 100, 1,
				30, 50, 2, 40, 0, 4);

		Raster max = pool(PoolSpec.of(PoolMode.MAX, 2), input);
		Raster min = pool(PoolSpec.of(PoolMode.MIN, 2), input);
		Raster avg = pool(PoolSpec.of(PoolMode.AVG, 2), input);

		assertThat(Rasters.samples(max)).containsExactly(40, 200, 4);
		assertThat(Rasters.samples(min)).containsExactly(10, 0, 0);
		// 100 / 4 = 25, 350 / 4 = 87.5 and 7 / 4 = 1.75.
		assertThat(Rasters.samples(avg)).containsExactly(25, 88, 2);
	}

	@Test
	void avgPoolingCountsPaddingWhenIncluded() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).padding(1).build();

		Raster output = pool(spec, ONE_TO_NINE);

		// Each window covers four real samples and five padding zeros: 12, 16, 24, 28 over 9.
		assertThat(Rasters.samples(output)).containsExactly(1, 2, 3, 3);
	}

	@Test
	void avgPoolingSkipsPaddingWhenExcluded() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).padding(1)
				.countIncludePad(false).build();

		Raster output = pool(spec, ONE_TO_NINE);

		assertThat(Rasters.samples(output)).containsExactly(3, 4, 6, 7);
	}

	@Test
	void maxAndMinPoolingNeverSelectPadding() {
		PoolSpec max = PoolSpec.builder().mode(PoolMode.MAX).kernel(3).stride(2).padding(1).build();
		PoolSpec min = PoolSpec.builder().mode(PoolMode.MIN).kernel(3).stride(2).padding(1).build();

		Raster largest = pool(max, ONE_TO_NINE);
		Raster smallest = pool(min, ONE_TO_NINE);

		assertThat(Rasters.samples(largest)).containsExactly(5, 6, 8, 9);
		assertThat(Rasters.samples(smallest)).containsExactly(1, 2, 4, 5);
	}

	@Test
	void ceilModeKeepsPartialWindows() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).ceilMode(true).build();

		Raster output = pool(spec, ONE_TO_NINE);

		// Windows of 4, 2, 2 and 1 samples: 12 / 4, 9 / 2 = 4.5, 15 / 2 = 7.5, 9 / 1.
		assertThat(output.width()).isEqualTo(2);
		assertThat(output.height()).isEqualTo(2);
		assertThat(Rasters.samples(output)).containsExactly(3, 4, 8, 9);
	}

	@Test
	void ceilModeDropsWindowStartingInPadding() {
		PoolSpec included = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).padding(1).ceilMode(true).build();
		PoolSpec excluded = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).padding(1).ceilMode(true)
				.countIncludePad(false).build();

		Raster withPadding = pool(included, ONE_TO_NINE);
		Raster withoutPadding = pool(excluded, ONE_TO_NINE);

		// ceil((3 + 2 - 2) / 2) + 1 = 3, but the third window would start at 3, inside the
		// right padding, so it is dropped. Windows cover rows and columns {0} and {1, 2}.
		assertThat(withPadding.width()).isEqualTo(2);
		assertThat(withPadding.height()).isEqualTo(2);
		// Sums 1, 5, 11, 28, each over the 2×2 padded window.
		assertThat(Rasters.samples(withPadding)).containsExactly(0, 1, 3, 7);
		// Sums over 1, 2, 2 and 4 real samples: 1, 2.5, 5.5, 7.
		assertThat(Rasters.samples(withoutPadding)).containsExactly(1, 2, 6, 7);
	}

	@Test
	void countIncludePadClipsWindowAtPaddedEdge() {
		Raster input = Rasters.gray(4, 1, 10, 20, 30, 40);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(1, 3).stride(1, 2).padding(0, 1)
				.ceilMode(true).build();

		Raster output = pool(spec, input);

		// Windows start at -1, 1 and 3. The last one covers column 3 and one padding column,
		// because the window past the padded input is clipped: 40 / 2, not 40 / 3.
		assertThat(Rasters.samples(output)).containsExactly(10, 30, 20);
	}

	@Test
	void divisorOverrideReplacesWindowSize() {
		Raster input = Rasters.gray(2, 2, 1, 5, 3, 4);

		Raster byThree = pool(PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(3).build(), input);
		Raster byTwo = pool(PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(2).build(), input);
		Raster byFour = pool(PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(4).build(), input);

		// 13 / 3 = 4.33, 13 / 2 = 6.5 and 13 / 4 = 3.25.
		assertThat(Rasters.samples(byThree)).containsExactly(4);
		assertThat(Rasters.samples(byTwo)).containsExactly(6);
		assertThat(Rasters.samples(byFour)).containsExactly(3);
	}

	@Test
	void divisorOverrideResultIsClampedTo255() {
		Raster input = Rasters.filled(2, 2, 1, 255);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(1).build();

		Raster output = pool(spec, input);

		assertThat(Rasters.samples(output)).containsExactly(255);
	}

	@Test
	void dilationSkipsSamplesBetweenTaps() {
		Raster input = Rasters.gray(5, 1, 9, 1, 8, 2, 7);
		PoolSpec max = PoolSpec.builder().mode(PoolMode.MAX).kernel(1, 2).stride(1).dilation(1, 2).build();
		PoolSpec min = PoolSpec.builder().mode(PoolMode.MIN).kernel(1, 2).stride(1).dilation(1, 2).build();

		Raster largest = pool(max, input);
		Raster smallest = pool(min, input);

		// Taps at x and x + 2: {9, 8}, {1, 2}, {8, 7}.
		assertThat(Rasters.samples(largest)).containsExactly(9, 2, 8);
		assertThat(Rasters.samples(smallest)).containsExactly(8, 1, 7);
	}

	@Test
	void windowWithOnlyPaddingTapsGivesNeutralValue() {
		Raster input = Rasters.gray(4, 1, 10, 20, 30, 40);
		PoolSpec max = PoolSpec.builder().mode(PoolMode.MAX).kernel(1, 2).stride(1).padding(0, 1).dilation(1, 5)
				.build();
		PoolSpec min = PoolSpec.builder().mode(PoolMode.MIN).kernel(1, 2).stride(1).padding(0, 1).dilation(1, 5)
				.build();

		Raster largest = pool(max, input);
		Raster smallest = pool(min, input);

		// One window with taps at -1 and 4, both padding: -inf and +inf clamp to 0 and 255.
		assertThat(Rasters.samples(largest)).containsExactly(0);
		assertThat(Rasters.samples(smallest)).containsExactly(255);
	}

	@Test
	void adaptivePoolingSplitsNonDividingSize() {
		Raster input = Rasters.gray(5, 1, 10, 20, 30, 40, 51);
		PoolSpec avg = PoolSpec.builder().mode(PoolMode.AVG).outputSize(1, 3).build();
		PoolSpec max = PoolSpec.builder().mode(PoolMode.MAX).outputSize(1, 3).build();
		PoolSpec min = PoolSpec.builder().mode(PoolMode.MIN).outputSize(1, 3).build();

		Raster mean = pool(avg, input);
		Raster largest = pool(max, input);
		Raster smallest = pool(min, input);

		// Windows [0, 2), [1, 4) and [3, 5); 91 / 2 = 45.5 rounds to the even 46.
		assertThat(Rasters.samples(mean)).containsExactly(15, 30, 46);
		assertThat(Rasters.samples(largest)).containsExactly(20, 40, 51);
		assertThat(Rasters.samples(smallest)).containsExactly(10, 20, 40);
	}

	@Test
	void adaptivePoolingCanEnlarge() {
		Raster input = Rasters.gray(2, 1, 10, 20);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).outputSize(1, 3).build();

		Raster output = pool(spec, input);

		// Windows [0, 1), [0, 2) and [1, 2).
		assertThat(Rasters.samples(output)).containsExactly(10, 15, 20);
	}

	@Test
	void avgAccumulatorDoesNotOverflowOnLargeWindow() {
		Raster input = Rasters.filled(3000, 3000, 1, 255);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).outputSize(1).build();

		Raster output = pool(spec, input);

		// 9,000,000 × 255 exceeds Integer.MAX_VALUE.
		assertThat(Rasters.samples(output)).containsExactly(255);
	}

	@Test
	void bigWindowsOfFullSamplesStayFull() {
		Raster input = Rasters.filled(64, 64, 3, 255);

		Raster avg = pool(PoolSpec.of(PoolMode.AVG, 64), input);
		Raster lp = pool(PoolSpec.builder().mode(PoolMode.LP).kernel(64).p(1).build(), input);

		assertThat(Rasters.samples(avg)).containsExactly(255, 255, 255);
		// The lp sum of 64 × 64 × 255 is clamped to 255.
		assertThat(Rasters.samples(lp)).containsExactly(255, 255, 255);
	}

	@Test
	void lpPoolingWithP2IsEuclideanNorm() {
		Raster input = Rasters.gray(2, 2, 3, 4, 0, 0);

		Raster output = pool(PoolSpec.of(PoolMode.LP, 2), input);

		assertThat(Rasters.samples(output)).containsExactly(5);
	}

	@Test
	void lpPoolingWithP1IsSum() {
		Raster input = Rasters.gray(3, 1, 3, 4, 6);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(1).ceilMode(true).build();

		Raster output = pool(spec, input);

		// The ceil-mode window {6} is averaged over 1 sample and scaled by the kernel area 2.
		assertThat(Rasters.samples(output)).containsExactly(7, 12);
	}

	@Test
	void lpScalesPartialCeilWindow() {
		Raster input = Rasters.gray(3, 1, 3, 4, 6);
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(2).ceilMode(true).build();

		Raster output = pool(spec, input);

		// sqrt(9 + 16) = 5, and sqrt(36 / 1 × 2) = 8.49.
		assertThat(Rasters.samples(output)).containsExactly(5, 8);
	}

	@Test
	void lpPoolingWithFractionalP() {
		Raster input = Rasters.gray(2, 1, 1, 2);
		PoolSpec cube = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(3).build();
		PoolSpec half = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(0.5).build();

		Raster cubeRoot = pool(cube, input);
		Raster square = pool(half, input);

		// (1 + 8)^(1/3) = 2.08 and (1 + sqrt 2)² = 5.83.
		assertThat(Rasters.samples(cubeRoot)).containsExactly(2);
		assertThat(Rasters.samples(square)).containsExactly(6);
	}

	@Test
	void gradientPoolingTakesSobelMagnitudeWithReplicatedBorders() {
		Raster input = Rasters.gray(2, 2,
				0, 10,
				40, 30);
		PoolSpec perPixel = PoolSpec.builder().mode(PoolMode.GRADIENT).kernel(1).build();

		Raster output = pool(perPixel, input);

		// Top row: gx = 10 + 2 × 10 - 10 = 20, gy = 150 - 10 = 140 and 130 - 30 = 100, so
		// sqrt(20000) = 141.4 and sqrt(10400) = 102.0. The bottom row has gx = -20 and the
		// same gy.
		assertThat(Rasters.samples(output)).containsExactly(141, 102, 141, 102);
	}

	@Test
	void gradientPoolingKeepsLargestMagnitude() {
		Raster input = Rasters.gray(2, 2,
				0, 10,
				40, 30);

		Raster output = pool(PoolSpec.of(PoolMode.GRADIENT, 2), input);

		assertThat(Rasters.samples(output)).containsExactly(141);
	}

	@Test
	void gradientMagnitudeIsClampedTo255() {
		Raster input = Rasters.gray(4, 2,
				0, 0, 255, 255,
				0, 0, 255, 255);

		Raster output = pool(PoolSpec.of(PoolMode.GRADIENT, 2), input);

		// Columns 1 and 2 have gx = 4 × 255 = 1020.
		assertThat(Rasters.samples(output)).containsExactly(255, 255);
	}

	@Test
	void gradientOfConstantRasterIsZero() {
		Raster input = Rasters.filled(5, 4, 3, 77);

		Raster output = pool(PoolSpec.builder().mode(PoolMode.GRADIENT).kernel(3).stride(2).padding(1).build(), input);

		assertThat(Rasters.samples(output)).containsOnly(0);
	}

	@Test
	void outputSizeFollowsFloorRule() {
		RasterPooler pooler = RasterPooler.of(PoolSpec.of(PoolMode.MAX, 2), 1921, 1081, 3);

		assertThat(pooler.outputWidth()).isEqualTo(960);
		assertThat(pooler.outputHeight()).isEqualTo(540);
	}

	@Test
	void poolRowsFillsOnlyRequestedRows() {
		Raster input = Rasters.gray(2, 4, 1, 2, 3, 4, 5, 6, 7, 8);
		RasterPooler pooler = RasterPooler.of(PoolSpec.of(PoolMode.MAX, 2), 2, 4, 1);
		Raster output = pooler.allocateOutput();

		pooler.poolRows(input, output, 1, 2);

		assertThat(Rasters.samples(output)).containsExactly(0, 8);
	}

	@Test
	void poolRowsRejectsWrongRaster() {
		RasterPooler pooler = RasterPooler.of(PoolSpec.of(PoolMode.MAX, 2), 4, 4, 1);
		Raster wrong = Rasters.filled(4, 4, 3, 0);

		assertThatIllegalArgumentException().isThrownBy(() -> pooler.pool(wrong))
				.withMessageContaining("4x4x1");
	}

	@Test
	void poolRowsRejectsRangeOutsideOutput() {
		RasterPooler pooler = RasterPooler.of(PoolSpec.of(PoolMode.MAX, 2), 4, 4, 1);
		Raster input = Rasters.filled(4, 4, 1, 0);

		assertThatIllegalArgumentException()
				.isThrownBy(() -> pooler.poolRows(input, pooler.allocateOutput(), 1, 3))
				.withMessageContaining("[1, 3)");
	}

	private static Raster pool(PoolSpec spec, Raster input) {
		return RasterPooler.of(spec, input.width(), input.height(), input.channels()).pool(input);
	}

}
