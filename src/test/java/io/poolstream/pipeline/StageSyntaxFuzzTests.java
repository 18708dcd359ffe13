package io.poolstream.pipeline;

import java.util.List;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the compact stage syntax of the configuration files, such as {@code max:2,avg:3:2:1}.
 *
 * <p>Only {@link InvalidPoolSpecException} may escape. A list that parses has at least one stage,
 * each stage is valid, and writing the stages back in the same syntax parses to equal stages.
 */
class StageSyntaxFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void parseRoundTrips(@NotNull String text) {
		List<PoolSpec> stages;
		try {
			stages = StageSyntax.parse(text);
		}
		catch (InvalidPoolSpecException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			assertThat(ex.parameter()).isNotBlank();
			return;
		}

		assertThat(stages).isNotEmpty();
		for (PoolSpec stage : stages) {
			stage.validate();
			assertThat(stage.kernelHeight()).isEqualTo(stage.kernelWidth());
			assertThat(stage.strideHeight()).isEqualTo(stage.strideWidth());
			assertThat(stage.paddingHeight()).isEqualTo(stage.paddingWidth());
		}
		String written = stages.stream()
			.map((stage) -> stage.mode().label() + ":" + stage.kernelHeight() + ":" + stage.strideHeight() + ":"
					+ stage.paddingHeight())
			.collect(Collectors.joining(","));
		assertThat(StageSyntax.parse(written)).as("stages of '%s'", written).isEqualTo(stages);
	}

}
