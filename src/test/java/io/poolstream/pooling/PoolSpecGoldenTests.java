package io.poolstream.pooling;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Checks that the poolers reject every op PyTorch 1.13 raised for, read from
 * {@code src/test/resources/golden/rejected.json} (see {@code tools/golden/generate.py}), and
 * name the parameter the generator expects.
 */
class PoolSpecGoldenTests {

	static List<GoldenCase> rejectedCases() {
		return GoldenCase.load("rejected");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejectedCases")
	void tensorPoolerRejectsWhatPyTorchRejects(GoldenCase golden) {
		String parameter = golden.expected().get("parameter").stringValue();

		InvalidPoolSpecException exception = catchThrowableOfType(InvalidPoolSpecException.class,
				() -> TensorPooler.of(golden.spec(), golden.inputShape()));

		assertThat(exception).as("PyTorch raised " + golden.expected().get("error").stringValue()).isNotNull();
		assertThat(exception.parameter()).isEqualTo(parameter);
		assertThat(exception.getMessage()).contains(parameter);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejectedCases")
	void rasterPoolerRejectsWhatPyTorchRejects(GoldenCase golden) {
		int[] shape = golden.inputShape();
		int height = shape[shape.length - 2];
		int width = shape[shape.length - 1];
		String parameter = golden.expected().get("parameter").stringValue();

		InvalidPoolSpecException exception = catchThrowableOfType(InvalidPoolSpecException.class,
				() -> RasterPooler.of(golden.spec(), width, height, 1));

		assertThat(exception).as("PyTorch raised " + golden.expected().get("error").stringValue()).isNotNull();
		assertThat(exception.parameter()).isEqualTo(parameter);
		assertThat(exception.getMessage()).contains(parameter);
	}

}
