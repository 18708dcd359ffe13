package io.poolstream.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;

/**
 * Parses pooling parameters, named as in PyTorch but in camelCase, from query parameters or from
 * the fields of a JSON {@code op} object. Sizes may be {@code 2}, {@code "3x2"} (height by width)
 * or {@code [3, 2]}.
 */
final class PoolParameters {

	/** Every parameter name, so a misspelt one is reported instead of silently ignored. */
	static final Set<String> NAMES = Set.of("mode", "kernel", "stride", "padding", "dilation", "ceilMode",
			"countIncludePad", "divisorOverride", "p", "outputSize");

	/** The parameters of sliding windows, which adaptive pooling does not take. */
	private static final List<String> WINDOW_PARAMETERS = List.of("kernel", "stride", "padding", "dilation",
			"ceilMode", "countIncludePad");

	/** A kernel-level name of one axis of a parameter, such as {@code paddingHeight}. */
	private static final Pattern AXIS_NAME = Pattern.compile("\\b(kernel|stride|padding|dilation|output)(Height|Width)\\b");

	private final int maxSize;


	/**
	 * @param maxSize the largest kernel, stride, padding, dilation or output size along one axis
	 */
	PoolParameters(int maxSize) {
		this.maxSize = maxSize;
	}


	/**
	 * Builds and validates a spec from named values, each a string, number, boolean or list.
	 */
	PoolSpec parse(Map<String, ?> values) {
		PoolSpec.Builder builder = PoolSpec.builder();
		Object mode = values.get("mode");
		builder.mode((mode != null) ? PoolMode.parse(String.valueOf(mode)) : PoolMode.MAX);

		if (values.get("outputSize") != null) {
			rejectWindowParameters(values);
		}
		int[] outputSize = size("outputSize", values.get("outputSize"), 1);
		int[] kernel = size("kernel", values.get("kernel"), 1);
		if (outputSize != null) {
			builder.outputSize(outputSize[0], outputSize[1]);
		}
		else {
			builder.kernel((kernel != null) ? kernel[0] : 2, (kernel != null) ? kernel[1] : 2);
		}
		int[] stride = size("stride", values.get("stride"), 1);
		if (stride != null) {
			builder.stride(stride[0], stride[1]);
		}
		int[] padding = size("padding", values.get("padding"), 0);
		if (padding != null) {
			builder.padding(padding[0], padding[1]);
		}
		int[] dilation = size("dilation", values.get("dilation"), 1);
		if (dilation != null) {
			builder.dilation(dilation[0], dilation[1]);
		}
		Boolean ceilMode = bool("ceilMode", values.get("ceilMode"));
		if (ceilMode != null) {
			builder.ceilMode(ceilMode);
		}
		Boolean countIncludePad = bool("countIncludePad", values.get("countIncludePad"));
		if (countIncludePad != null) {
			builder.countIncludePad(countIncludePad);
		}
		Object divisor = values.get("divisorOverride");
		if (divisor != null) {
			// A divisor sizes no buffer or loop, so only the int range limits it, as in PyTorch.
			builder.divisorOverride(integer("divisorOverride", divisor, 1, Integer.MAX_VALUE, null));
		}
		Object p = values.get("p");
		if (p != null) {
			builder.p(number("p", p));
		}

		PoolSpec spec = builder.build();
		spec.validate();
		return spec;
	}

	/**
	 * Rejects names that are not pooling parameters, suggesting where the mistake may be.
	 */
	static void rejectUnknown(Iterable<String> names, Set<String> alsoAllowed) {
		for (String name : names) {
			if (!NAMES.contains(name) && !alsoAllowed.contains(name)) {
				List<String> known = new java.util.ArrayList<>(NAMES);
				known.addAll(alsoAllowed);
				throw new InvalidRequestException(name, "unknown parameter '" + name + "'; the parameters here are "
						+ String.join(", ", known.stream().sorted().toList()));
			}
		}
	}

	/**
	 * Rejects the sliding-window parameters next to {@code outputSize}, as PyTorch's adaptive
	 * pooling functions take none of them, instead of ignoring them.
	 */
	private static void rejectWindowParameters(Map<String, ?> values) {
		for (String name : WINDOW_PARAMETERS) {
			if (values.get(name) == null) {
				continue;
			}
			if (name.equals("kernel") || name.equals("stride")) {
				throw new InvalidPoolSpecException("outputSize", String.valueOf(values.get("outputSize")),
						"outputSize chooses adaptive pooling, which sets its own windows; give either outputSize or "
								+ "kernel and stride, not both");
			}
			throw new InvalidPoolSpecException(name, String.valueOf(values.get(name)), name + " applies only to "
					+ "sliding windows, and outputSize chooses adaptive pooling, which sets its own windows; remove "
					+ name + " or give a kernel in place of outputSize");
		}
	}

	/**
	 * Names a parameter as the API spells it: the kernels speak of {@code paddingHeight} and
	 * {@code outputWidth}, and requests of {@code padding} and {@code outputSize}.
	 */
	static String apiParameter(String kernelParameter) {
		if (kernelParameter.startsWith("output")) {
			return "outputSize";
		}
		return kernelParameter.replaceFirst("(Height|Width)$", "");
	}

	/**
	 * Rewrites a pooling message in the API's names: {@code paddingHeight} becomes
	 * {@code padding height} and {@code outputWidth} becomes {@code outputSize width}, so the
	 * message names parameters that a request can set.
	 */
	static String apiMessage(String message) {
		return AXIS_NAME.matcher(message).replaceAll(match -> {
			String name = match.group(1).equals("output") ? "outputSize" : match.group(1);
			return name + " " + match.group(2).toLowerCase(Locale.ROOT);
		});
	}

	private int @Nullable [] size(String name, @Nullable Object value, int min) {
		if (value == null) {
			return null;
		}
		int[] size;
		if (value instanceof List<?> list) {
			if (list.size() == 1) {
				int single = integer(name, list.get(0), min);
				size = new int[] { single, single };
			}
			else if (list.size() == 2) {
				size = new int[] { integer(name, list.get(0), min), integer(name, list.get(1), min) };
			}
			else {
				throw new InvalidPoolSpecException(name, String.valueOf(value),
						name + " " + value + " must have one or two values, [height, width]");
			}
		}
		else if (value instanceof Number) {
			int single = integer(name, value, min);
			size = new int[] { single, single };
		}
		else {
			String text = String.valueOf(value).trim();
			if (text.startsWith("[")) {
				throw new InvalidPoolSpecException(name, text, name + " '" + text + "' is the JSON form, which "
						+ "only a JSON body takes; in a query write one number or HxW, for example 3x2");
			}
			String[] parts = text.split("[xX×,]", -1);
			if (parts.length == 1) {
				int single = integer(name, parts[0], min);
				size = new int[] { single, single };
			}
			else if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
				size = new int[] { integer(name, parts[0], min), integer(name, parts[1], min) };
			}
			else {
				throw new InvalidPoolSpecException(name, text,
						name + " '" + text + "' must be one number or HxW, for example 2 or 3x2");
			}
		}
		return size;
	}

	private int integer(String name, @Nullable Object value, int min) {
		return integer(name, value, min, this.maxSize, "poolstream.limits.max-kernel");
	}

	/**
	 * Parses a whole number in {@code [min, max]}. Above {@code max}, the message says to raise
	 * {@code setting}, or, when no setting sets the bound, what the largest value is.
	 */
	private static int integer(String name, @Nullable Object value, int min, int max, @Nullable String setting) {
		long parsed;
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			parsed = ((Number) value).longValue();
		}
		else {
			try {
				parsed = Long.parseLong(String.valueOf(value).trim());
			}
			catch (NumberFormatException ex) {
				throw new InvalidPoolSpecException(name, String.valueOf(value),
						name + " '" + value + "' is not a whole number");
			}
		}
		if (parsed < min) {
			throw new InvalidPoolSpecException(name, String.valueOf(parsed),
					name + " " + parsed + " is too small; it must be at least " + min);
		}
		if (parsed > max) {
			String advice = (setting != null) ? "is above the limit of " + max + "; raise " + setting + " if you need more"
					: "is too large; it must be at most " + max;
			throw new InvalidPoolSpecException(name, String.valueOf(parsed), name + " " + parsed + " " + advice);
		}
		return (int) parsed;
	}

	private static double number(String name, Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		try {
			return Double.parseDouble(String.valueOf(value).trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidPoolSpecException(name, String.valueOf(value), name + " '" + value + "' is not a number");
		}
	}

	private static @Nullable Boolean bool(String name, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean flag) {
			return flag;
		}
		String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
		if (text.equals("true") || text.equals("1")) {
			return Boolean.TRUE;
		}
		if (text.equals("false") || text.equals("0")) {
			return Boolean.FALSE;
		}
		throw new InvalidPoolSpecException(name, text, name + " '" + text + "' must be true or false");
	}

}
