package io.poolstream.pipeline;

import java.util.Locale;

/**
 * What a stream does with a frame that arrives while its waiting queue is full.
 */
public enum BackpressurePolicy {

	/** Keep only the newest waiting frame; older waiting frames are dropped. */
	LATEST("latest"),

	/** Keep up to the capacity of waiting frames, dropping the oldest to make room. */
	DROP_OLDEST("drop-oldest"),

	/** Keep up to the capacity of waiting frames, then reject new ones. */
	BUFFER("buffer"),

	/** Stop reading the request body until there is room, so TCP pushes back on the producer. */
	BLOCK("block"),

	/** Reject the frame and end a long upload with an error. */
	ERROR("error");


	private final String value;


	BackpressurePolicy(String value) {
		this.value = value;
	}


	/**
	 * Returns the name used in the API, such as {@code drop-oldest}.
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Parses an API name, ignoring case.
	 * @throws IllegalArgumentException naming the accepted values if the name is unknown
	 */
	public static BackpressurePolicy parse(String value) {
		String normalized = value.trim().toLowerCase(Locale.ROOT);
		for (BackpressurePolicy policy : values()) {
			if (policy.value.equals(normalized)) {
				return policy;
			}
		}
		throw new IllegalArgumentException("backpressure policy '" + value
				+ "' is unknown; use one of latest, drop-oldest, buffer, block, error");
	}

}
