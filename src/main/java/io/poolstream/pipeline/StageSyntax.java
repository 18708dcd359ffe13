package io.poolstream.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

/**
 * Parses the compact stage syntax of configuration files: stages separated by commas, each
 * {@code mode:kernel[:stride[:padding]]}, for example {@code max:2,avg:3:2:1}.
 */
public final class StageSyntax {

	private StageSyntax() {
	}


	/**
	 * Parses a list of at least one stage. Empty stages and empty fields, as in {@code max:2,} or
	 * {@code max:2:}, are errors rather than ignored.
	 * @throws InvalidPoolSpecException naming the part that is wrong
	 */
	public static List<PoolSpec> parse(String text) {
		List<PoolSpec> stages = new ArrayList<>();
		for (String stage : text.split(",", -1)) {
			stages.add(parseStage(stage.trim()));
		}
		return stages;
	}

	private static PoolSpec parseStage(String stage) {
		String[] parts = stage.split(":", -1);
		if (parts.length < 2 || parts.length > 4) {
			throw new InvalidPoolSpecException("pipeline", stage,
					"stage '" + stage + "' must read mode:kernel[:stride[:padding]], for example max:2 or avg:3:2:1");
		}
		int kernel = parseInt("kernel", parts[1]);
		int stride = (parts.length > 2) ? parseInt("stride", parts[2]) : kernel;
		int padding = (parts.length > 3) ? parseInt("padding", parts[3]) : 0;
		PoolSpec spec = PoolSpec.builder()
			.mode(PoolMode.parse(parts[0].trim()))
			.kernel(kernel, kernel)
			.stride(stride, stride)
			.padding(padding, padding)
			.build();
		spec.validate();
		return spec;
	}

	private static int parseInt(String parameter, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidPoolSpecException(parameter, value, parameter + " '" + value + "' is not a whole number");
		}
	}

}
