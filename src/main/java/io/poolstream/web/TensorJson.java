package io.poolstream.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.poolstream.pooling.Tensor;

/**
 * A tensor in JSON, with non-finite elements written as strings, since JSON has no NaN or infinity.
 *
 * @param shape the dimensions
 * @param data the elements in row-major order: numbers, or {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}
 */
record TensorJson(int[] shape, List<Object> data) {

	static TensorJson fromTensor(Tensor tensor) {
		float[] values = tensor.data();
		List<Object> data = new ArrayList<>(values.length);
		for (float value : values) {
			if (Float.isNaN(value)) {
				data.add("NaN");
			}
			else if (Float.isInfinite(value)) {
				data.add((value > 0) ? "Infinity" : "-Infinity");
			}
			else {
				data.add(value);
			}
		}
		return new TensorJson(tensor.shape(), data);
	}

	/**
	 * Converts a request's input, checking the shape and the element count before allocating.
	 */
	static Tensor toTensor(TensorRequest.@Nullable Input input, int maxElements) {
		if (input == null || input.shape() == null || input.data() == null) {
			throw new InvalidRequestException("input", "the body needs \"input\": {\"shape\": [C, H, W], \"data\": [...]}");
		}
		List<Integer> shapeList = input.shape();
		if (shapeList.size() < 2 || shapeList.size() > 4) {
			throw new InvalidRequestException("input.shape", "shape " + shapeList
					+ " has rank " + shapeList.size() + "; use rank 2 (H, W), 3 (C, H, W) or 4 (N, C, H, W)");
		}
		int[] shape = new int[shapeList.size()];
		long elements = 1;
		for (int i = 0; i < shape.length; i++) {
			Integer dimension = shapeList.get(i);
			if (dimension == null || dimension < 1) {
				throw new InvalidRequestException("input.shape", "shape " + shapeList + " has a dimension below 1");
			}
			shape[i] = dimension;
			elements *= dimension;
			if (elements > maxElements) {
				throw new InvalidRequestException("input.shape", "shape " + shapeList + " has more than "
						+ maxElements + " elements, the limit of poolstream.limits.max-tensor-elements");
			}
		}

		float[] data = new float[(int) elements];
		if (input.data().stream().anyMatch(List.class::isInstance)) {
			checkNesting(input.data(), shape, 0, "data", shapeList);
		}
		int count = flatten(input.data(), data, 0);
		if (count != elements) {
			throw new InvalidRequestException("input.data", "data has " + count + " elements but shape "
					+ shapeList + " needs " + elements);
		}
		return new Tensor(shape, data);
	}

	/**
	 * Checks that nested data has the shape's structure, as {@code torch.tensor} requires. At depth
	 * {@code d} every list has {@code shape[d]} items: lists above the last dimension, and single
	 * elements in it.
	 */
	private static void checkNesting(List<?> values, int[] shape, int depth, String path, List<Integer> shapeList) {
		String advice = "; give a flat list in row-major order or nest the lists as the shape " + shapeList;
		if (depth >= shape.length) {
			throw new InvalidRequestException("input.data", path + " is nested deeper than the shape's "
					+ shape.length + " dimensions" + advice);
		}
		if (values.size() != shape[depth]) {
			throw new InvalidRequestException("input.data", path + " has " + values.size() + " items but dimension "
					+ depth + " of the shape is " + shape[depth] + advice);
		}
		boolean last = depth == shape.length - 1;
		for (int i = 0; i < values.size(); i++) {
			Object value = values.get(i);
			String itemPath = path + "[" + i + "]";
			if (value instanceof List<?> nested) {
				checkNesting(nested, shape, depth + 1, itemPath, shapeList);
			}
			else if (!last) {
				throw new InvalidRequestException("input.data", itemPath + " is a single element where dimension "
						+ (depth + 1) + " of the shape needs a list" + advice);
			}
		}
	}

	private static int flatten(List<?> values, float[] target, int start) {
		int index = start;
		for (Object value : values) {
			if (value instanceof List<?> nested) {
				index = flatten(nested, target, index);
				continue;
			}
			if (index >= target.length) {
				return index + 1;
			}
			target[index++] = element(value, index - 1);
		}
		return index;
	}

	private static float element(Object value, int index) {
		if (value instanceof Number number) {
			return number.floatValue();
		}
		if (value instanceof String text) {
			switch (text) {
				case "NaN":
					return Float.NaN;
				case "Infinity":
					return Float.POSITIVE_INFINITY;
				case "-Infinity":
					return Float.NEGATIVE_INFINITY;
				default:
					break;
			}
		}
		throw new InvalidRequestException("input.data", "element " + index + " is " + describe(value)
				+ "; use a number or one of \"NaN\", \"Infinity\", \"-Infinity\"");
	}

	/**
	 * Describes an invalid element, quoting a string so that "1" does not read as the number 1.
	 */
	private static String describe(@Nullable Object value) {
		if (value instanceof String text) {
			String excerpt = (text.length() > 40) ? text.substring(0, 40) + "..." : text;
			return "the string \"" + excerpt + "\"";
		}
		return String.valueOf(value);
	}

}
