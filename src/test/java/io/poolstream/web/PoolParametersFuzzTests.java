package io.poolstream.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the pooling parameter parser with the value types that query strings and JSON produce:
 * strings, whole and fractional numbers, booleans, lists and nulls.
 *
 * <p>Only {@link InvalidPoolSpecException} and {@link InvalidRequestException} may escape. A spec
 * that parses is valid, and every size in it is within the kernel limit.
 */
class PoolParametersFuzzTests {

	private static final int MAX_SIZE = 64;

	private static final String[] NAMES = PoolParameters.NAMES.toArray(String[]::new);

	private static final PoolParameters PARAMETERS = new PoolParameters(MAX_SIZE);


	@FuzzTest(maxDuration = "10m")
	void parseKeepsLimits(FuzzedDataProvider data) {
		Map<String, Object> values = new LinkedHashMap<>();
		int count = data.consumeInt(0, 6);
		for (int i = 0; i < count; i++) {
			String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(12);
			values.put(name, value(data, 0));
		}

		PoolSpec spec;
		try {
			PoolParameters.rejectUnknown(values.keySet(), Set.of());
			spec = PARAMETERS.parse(values);
		}
		catch (InvalidPoolSpecException | InvalidRequestException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}

		spec.validate();
		int[] sizes = { spec.kernelHeight(), spec.kernelWidth(), spec.strideHeight(), spec.strideWidth(),
				spec.paddingHeight(), spec.paddingWidth(), spec.dilationHeight(), spec.dilationWidth(),
				spec.outputHeight(), spec.outputWidth() };
		for (int size : sizes) {
			assertThat(size).as("a size of %s", spec).isLessThanOrEqualTo(MAX_SIZE);
		}
	}

	private static Object value(FuzzedDataProvider data, int depth) {
		return switch (data.consumeInt(0, 7)) {
			case 0 -> data.consumeString(16);
			case 1 -> data.consumeInt();
			case 2 -> data.consumeLong();
			case 3 -> data.consumeDouble();
			case 4 -> data.consumeBoolean();
			case 5 -> String.valueOf(data.consumeInt(-4, 300));
			case 6 -> data.consumeInt(-4, 300) + "x" + data.consumeInt(-4, 300);
			default -> list(data, depth);
		};
	}

	private static Object list(FuzzedDataProvider data, int depth) {
		List<Object> list = new ArrayList<>();
		int size = (depth < 2) ? data.consumeInt(0, 3) : 0;
		for (int i = 0; i < size; i++) {
			list.add(data.consumeBoolean() ? value(data, depth + 1) : null);
		}
		return list;
	}

}
