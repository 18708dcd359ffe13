package io.poolstream.pooling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One case of a golden file under {@code src/test/resources/golden/}, written by
 * {@code tools/golden/generate.py} from PyTorch runs.
 *
 * <p>The op carries every {@link PoolSpec} component, so the spec is built with the canonical
 * constructor and no defaults. Float values are JSON numbers that read back exactly as float32
 * through a double, or the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * @param name the case description from the generator
 * @param spec the operation
 * @param inputShape the tensor shape, or {@code (height, width, channels)} for a raster
 * @param node the whole JSON case, for the input and expected data
 */
record GoldenCase(String name, PoolSpec spec, int[] inputShape, JsonNode node) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();


	/**
	 * Reads every case of {@code golden/<group>.json} from the test class path, checking that
	 * the file contains as many cases as its header announces.
	 */
	static List<GoldenCase> load(String group) {
		String resource = "/golden/" + group + ".json";
		JsonNode root;
		try (InputStream stream = GoldenCase.class.getResourceAsStream(resource)) {
			if (stream == null) {
				throw new IllegalStateException(resource + " is missing; run python3 tools/golden/generate.py");
			}
			root = MAPPER.readTree(stream);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("failed to read " + resource, ex);
		}

		List<GoldenCase> cases = new ArrayList<>();
		for (JsonNode node : root.get("cases")) {
			cases.add(new GoldenCase(node.get("name").stringValue(), spec(node.get("op")),
					ints(node.get("input").get("shape")), node));
		}
		int announced = root.get("meta").get("count").intValue();
		if (cases.isEmpty() || cases.size() != announced) {
			throw new IllegalStateException(resource + " contains " + cases.size() + " cases, expected " + announced);
		}
		return cases;
	}

	private static PoolSpec spec(JsonNode op) {
		int[] kernel = ints(op.get("kernel"));
		int[] stride = ints(op.get("stride"));
		int[] padding = ints(op.get("padding"));
		int[] dilation = ints(op.get("dilation"));
		int[] outputSize = ints(op.get("outputSize"));
		return new PoolSpec(PoolMode.parse(op.get("mode").stringValue()), kernel[0], kernel[1], stride[0], stride[1],
				padding[0], padding[1], dilation[0], dilation[1], op.get("ceilMode").booleanValue(),
				op.get("countIncludePad").booleanValue(), op.get("divisorOverride").intValue(),
				op.get("p").doubleValue(), outputSize[0], outputSize[1]);
	}

	static int[] ints(JsonNode array) {
		int[] values = new int[array.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = array.get(i).intValue();
		}
		return values;
	}

	static float[] floats(JsonNode array) {
		float[] values = new float[array.size()];
		for (int i = 0; i < values.length; i++) {
			JsonNode value = array.get(i);
			// Float.parseFloat reads "NaN", "Infinity" and "-Infinity".
			values[i] = value.isString() ? Float.parseFloat(value.stringValue()) : (float) value.doubleValue();
		}
		return values;
	}

	JsonNode input() {
		return this.node.get("input");
	}

	JsonNode expected() {
		return this.node.get("expected");
	}

	/**
	 * Returns the allowed distance in units in the last place: 0, or the ulps the generator
	 * allowed where PyTorch's vectorized code rounds differently from its scalar loops.
	 */
	int allowedUlps() {
		JsonNode ulp = this.node.get("ulp");
		return (ulp != null) ? ulp.intValue() : 0;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
