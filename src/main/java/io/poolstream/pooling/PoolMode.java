package io.poolstream.pooling;

import java.util.Locale;

/**
 * Reduction applied to each pooling window.
 */
public enum PoolMode {

	/** Largest sample of the window, as PyTorch's {@code max_pool2d}. */
	MAX,

	/** Mean of the window, as PyTorch's {@code avg_pool2d}. */
	AVG,

	/** Smallest sample of the window, computed as {@code -max_pool2d(-x)}. */
	MIN,

	/** Lp norm {@code (Σ x^p)^(1/p)} of the window, as PyTorch's {@code lp_pool2d}. */
	LP,

	/** Max pooling of the per-channel Sobel gradient magnitude. */
	GRADIENT;


	/**
	 * Parses a mode name such as {@code "max"}, ignoring case.
	 * @throws InvalidPoolSpecException with parameter {@code mode} if the name is not one of
	 * max, avg, min, lp, gradient
	 */
	public static PoolMode parse(String value) {
		if (value != null) {
			for (PoolMode mode : values()) {
				if (mode.name().equalsIgnoreCase(value.trim())) {
					return mode;
				}
			}
		}
		throw new InvalidPoolSpecException("mode", String.valueOf(value),
				"mode '" + value + "' is not supported; use one of max, avg, min, lp, gradient");
	}

	/**
	 * Returns the lower-case name used in requests and descriptions, for example {@code "avg"}.
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
