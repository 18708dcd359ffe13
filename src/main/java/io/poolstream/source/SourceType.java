package io.poolstream.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a pull source reads frames from its URL.
 */
public enum SourceType {

	/** One long {@code multipart/x-mixed-replace} response, as IP cameras and ffmpeg's mpjpeg muxer send it. */
	MJPEG,

	/** One image per GET, repeated at a fixed interval. */
	POLL;


	/**
	 * Returns the type as the API spells it.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses a type as the API spells it.
	 * @throws IllegalArgumentException if the value names no type
	 */
	public static SourceType parse(String value) {
		for (SourceType type : values()) {
			if (type.value().equals(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("source type '" + value + "' is not supported; use one of "
				+ Arrays.stream(values()).map(SourceType::value).collect(Collectors.joining(", ")));
	}

}
