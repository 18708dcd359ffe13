package io.poolstream.pipeline;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parses the compact stage syntax, including the empty lists and fields that fuzzing found.
 */
class StageSyntaxTests {

	@Test
	void twoStagesParseInOrder() {
		List<PoolSpec> stages = StageSyntax.parse("max:2, avg:3:2:1");

		assertThat(stages).hasSize(2);
		assertThat(stages.get(0).mode()).isEqualTo(PoolMode.MAX);
		assertThat(stages.get(1).kernelHeight()).isEqualTo(3);
		assertThat(stages.get(1).strideHeight()).isEqualTo(2);
		assertThat(stages.get(1).paddingHeight()).isEqualTo(1);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { ",", "", " ", "max:2,", ",max:2", "max:2,,avg:2", "max:2:", "max::2" })
	void emptyStagesAndFieldsAreRejected(String text) {
		assertThatThrownBy(() -> StageSyntax.parse(text)).isInstanceOf(InvalidPoolSpecException.class);
	}

}
