package io.poolstream.pooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Validation, output-size rule, parsing and description of {@link PoolSpec}.
 */
class PoolSpecTests {

	@Test
	void ofBuildsSquareWindowWithStrideOfKernel() {
		PoolSpec spec = PoolSpec.of(PoolMode.AVG, 3);

		assertThat(spec.kernelHeight()).isEqualTo(3);
		assertThat(spec.kernelWidth()).isEqualTo(3);
		assertThat(spec.strideHeight()).isEqualTo(3);
		assertThat(spec.strideWidth()).isEqualTo(3);
		assertThat(spec.paddingHeight()).isZero();
		assertThat(spec.dilationHeight()).isEqualTo(1);
		assertThat(spec.ceilMode()).isFalse();
		assertThat(spec.countIncludePad()).isTrue();
		assertThat(spec.adaptive()).isFalse();
	}

	@Test
	void builderDefaultsStrideToKernelPerAxis() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.MAX).kernel(2, 3).build();

		assertThat(spec.strideHeight()).isEqualTo(2);
		assertThat(spec.strideWidth()).isEqualTo(3);
	}

	@Test
	void lpDefaultsToP2() {
		assertThat(PoolSpec.of(PoolMode.LP, 2).p()).isEqualTo(2.0);
		assertThat(PoolSpec.builder().mode(PoolMode.LP).kernel(2).build().p()).isEqualTo(2.0);
		assertThat(PoolSpec.of(PoolMode.MAX, 2).p()).isZero();
	}

	@ParameterizedTest
	@CsvSource({
		"10, 2, 2, 0, 1, false, 5",
		"11, 2, 2, 0, 1, false, 5",
		"11, 2, 2, 0, 1, true, 6",
		"5, 2, 3, 1, 1, true, 2",
		"3, 2, 2, 1, 1, true, 2",
		"6, 3, 2, 1, 1, true, 4",
		"7, 3, 1, 0, 2, false, 3",
		"4, 2, 1, 1, 5, false, 1",
	})
	void outputSizeFollowsPyTorchRule(int input, int kernel, int stride, int padding, int dilation, boolean ceil,
			int expected) {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.MAX).kernel(kernel).stride(stride).padding(padding)
				.dilation(dilation).ceilMode(ceil).build();

		assertThat(spec.outputHeight(input)).isEqualTo(expected);
		assertThat(spec.outputWidth(input)).isEqualTo(expected);
	}

	@Test
	void adaptiveOutputSizeIgnoresInput() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).outputSize(7, 5).build();

		assertThat(spec.adaptive()).isTrue();
		assertThat(spec.outputHeight(100)).isEqualTo(7);
		assertThat(spec.outputWidth(3)).isEqualTo(5);
	}

	@Test
	void kernelLargerThanInputIsRejected() {
		PoolSpec spec = PoolSpec.of(PoolMode.MAX, 5);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(() -> spec.outputHeight(3))
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("kernelHeight"))
				.satisfies((ex) -> assertThat(ex.value()).isEqualTo("5"))
				.withMessageContaining("input height 3")
				.withMessageContaining("kernelHeight ≤ 3");
	}

	@Test
	void kernelLargerThanInputWidthNamesWidth() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.MAX).kernel(1, 4).build();

		assertThatExceptionOfType(InvalidPoolSpecException.class)
				.isThrownBy(() -> RasterPooler.of(spec, 3, 10, 1))
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("kernelWidth"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"kernelHeight    | 0  | 2  | 1 | 1 | 0 | 0 | 1 | 1",
		"kernelWidth     | 2  | -1 | 1 | 1 | 0 | 0 | 1 | 1",
		"strideHeight    | 2  | 2  | 0 | 1 | 0 | 0 | 1 | 1",
		"strideWidth     | 2  | 2  | 1 | -3 | 0 | 0 | 1 | 1",
		"paddingHeight   | 2  | 2  | 1 | 1 | -1 | 0 | 1 | 1",
		"paddingWidth    | 3  | 3  | 1 | 1 | 0 | -1 | 1 | 1",
		"paddingHeight   | 3  | 3  | 1 | 1 | 2 | 0 | 1 | 1",
		"paddingWidth    | 4  | 4  | 1 | 1 | 0 | 3 | 1 | 1",
		"dilationHeight  | 2  | 2  | 1 | 1 | 0 | 0 | 0 | 1",
		"dilationWidth   | 2  | 2  | 1 | 1 | 0 | 0 | 1 | -2",
	})
	void invalidWindowParameterIsNamed(String parameter, int kernelHeight, int kernelWidth, int strideHeight,
			int strideWidth, int paddingHeight, int paddingWidth, int dilationHeight, int dilationWidth) {
		PoolSpec spec = new PoolSpec(PoolMode.MAX, kernelHeight, kernelWidth, strideHeight, strideWidth,
				paddingHeight, paddingWidth, dilationHeight, dilationWidth, false, true, 0, 0, 0, 0);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo(parameter))
				.withMessageStartingWith(parameter + " ");
	}

	@Test
	void paddingMessageGivesLimit() {
		PoolSpec spec = new PoolSpec(PoolMode.MAX, 3, 3, 1, 1, 2, 0, 1, 1, false, true, 0, 0, 0, 0);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.withMessage("paddingHeight 2 is more than half of kernelHeight 3; use paddingHeight ≤ 1");
	}

	@Test
	void paddingLimitUsesPlainKernelEvenWithDilation() {
		// The dilated kernel spans 5, but PyTorch's max_pool2d still requires padding ≤ 3 / 2.
		PoolSpec spec = new PoolSpec(PoolMode.MAX, 3, 3, 1, 1, 2, 2, 2, 2, false, true, 0, 0, 0, 0);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("paddingHeight"));
	}

	@Test
	void avgRejectsDilation() {
		PoolSpec spec = new PoolSpec(PoolMode.AVG, 2, 2, 2, 2, 0, 0, 1, 2, false, true, 0, 0, 0, 0);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("dilationWidth"))
				.withMessageContaining("avg");
	}

	@Test
	void lpRejectsPadding() {
		PoolSpec spec = new PoolSpec(PoolMode.LP, 2, 2, 2, 2, 1, 0, 1, 1, false, true, 0, 2, 0, 0);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("paddingHeight"));
	}

	@Test
	void lpRejectsNonPositiveP() {
		PoolSpec zero = specWithP(PoolMode.LP, 0);
		PoolSpec negative = specWithP(PoolMode.LP, -1);
		PoolSpec notANumber = specWithP(PoolMode.LP, Double.NaN);
		PoolSpec infinite = specWithP(PoolMode.LP, Double.POSITIVE_INFINITY);

		for (PoolSpec spec : new PoolSpec[] { zero, negative, notANumber, infinite }) {
			assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
					.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("p"));
		}
	}

	@Test
	void pIsRejectedOutsideLp() {
		PoolSpec spec = specWithP(PoolMode.MAX, 2);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("p"))
				.withMessageContaining("only to lp");
	}

	@Test
	void invalidDivisorOverrideIsRejected() {
		PoolSpec negative = new PoolSpec(PoolMode.AVG, 2, 2, 2, 2, 0, 0, 1, 1, false, true, -1, 0, 0, 0);
		PoolSpec max = new PoolSpec(PoolMode.MAX, 2, 2, 2, 2, 0, 0, 1, 1, false, true, 3, 0, 0, 0);
		PoolSpec adaptive = new PoolSpec(PoolMode.AVG, 0, 0, 0, 0, 0, 0, 1, 1, false, true, 3, 0, 2, 2);

		for (PoolSpec spec : new PoolSpec[] { negative, max, adaptive }) {
			assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
					.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("divisorOverride"));
		}
	}

	@Test
	void adaptiveNeedsBothOutputSizes() {
		PoolSpec heightOnly = new PoolSpec(PoolMode.AVG, 2, 2, 2, 2, 0, 0, 1, 1, false, true, 0, 0, 3, 0);
		PoolSpec negative = new PoolSpec(PoolMode.AVG, 2, 2, 2, 2, 0, 0, 1, 1, false, true, 0, 0, -1, 3);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(heightOnly::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("outputWidth"));
		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(negative::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("outputHeight"));
	}

	@Test
	void adaptiveLpIsRejected() {
		PoolSpec spec = new PoolSpec(PoolMode.LP, 0, 0, 0, 0, 0, 0, 1, 1, false, true, 0, 2, 4, 4);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("mode"))
				.withMessageContaining("adaptive");
	}

	@Test
	void adaptiveIgnoresKernelStrideAndPadding() {
		PoolSpec spec = new PoolSpec(PoolMode.MAX, 0, 0, 0, 0, 9, 9, 1, 1, false, true, 0, 0, 4, 4);

		spec.validate();

		assertThat(spec.outputHeight(10)).isEqualTo(4);
	}

	@Test
	void missingModeIsRejected() {
		PoolSpec spec = new PoolSpec(null, 2, 2, 2, 2, 0, 0, 1, 1, false, true, 0, 0, 0, 0);

		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(spec::validate)
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("mode"));
	}

	@Test
	void builderValidates() {
		assertThatExceptionOfType(InvalidPoolSpecException.class)
				.isThrownBy(() -> PoolSpec.builder().mode(PoolMode.MAX).kernel(3).padding(2).build())
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("paddingHeight"));
	}

	@Test
	void parseAcceptsEveryModeIgnoringCase() {
		assertThat(PoolMode.parse("max")).isEqualTo(PoolMode.MAX);
		assertThat(PoolMode.parse("AVG")).isEqualTo(PoolMode.AVG);
		assertThat(PoolMode.parse("Min")).isEqualTo(PoolMode.MIN);
		assertThat(PoolMode.parse("lp")).isEqualTo(PoolMode.LP);
		assertThat(PoolMode.parse("GrAdIeNt")).isEqualTo(PoolMode.GRADIENT);
	}

	@Test
	void parseRejectsUnknownMode() {
		assertThatExceptionOfType(InvalidPoolSpecException.class).isThrownBy(() -> PoolMode.parse("median"))
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("mode"))
				.satisfies((ex) -> assertThat(ex.value()).isEqualTo("median"))
				.withMessageContaining("one of max, avg, min, lp, gradient");
	}

	@Test
	void describeNamesModeWindowAndStride() {
		assertThat(PoolSpec.of(PoolMode.MAX, 2).describe()).isEqualTo("max 2×2 / 2");
		assertThat(PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).padding(1).build().describe())
				.isEqualTo("avg 3×3 / 2 pad 1");
		assertThat(PoolSpec.builder().mode(PoolMode.AVG).outputSize(7).build().describe())
				.isEqualTo("adaptive avg → 7×7");
		assertThat(PoolSpec.of(PoolMode.LP, 2).describe()).isEqualTo("lp p=2 2×2 / 2");
		assertThat(PoolSpec.of(PoolMode.GRADIENT, 2).describe()).isEqualTo("gradient + max 2×2 / 2");
	}

	@Test
	void describeNamesOptionalParameters() {
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.MAX).kernel(3, 2).stride(2, 1).padding(1, 0).dilation(2)
				.ceilMode(true).build();
		PoolSpec avg = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).countIncludePad(false).divisorOverride(3)
				.build();
		PoolSpec lp = PoolSpec.builder().mode(PoolMode.LP).kernel(2).p(2.5).build();

		assertThat(spec.describe()).isEqualTo("max 3×2 / 2×1 pad 1×0 dilation 2 ceil");
		assertThat(avg.describe()).isEqualTo("avg 2×2 / 2 exclude pad divisor 3");
		assertThat(lp.describe()).isEqualTo("lp p=2.5 2×2 / 2");
	}

	private static PoolSpec specWithP(PoolMode mode, double p) {
		return new PoolSpec(mode, 2, 2, 2, 2, 0, 0, 1, 1, false, true, 0, p, 0, 0);
	}

}
