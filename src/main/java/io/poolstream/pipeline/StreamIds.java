package io.poolstream.pipeline;

import java.util.regex.Pattern;

/**
 * Checks stream ids, which name streams in URLs, metrics and server-sent events.
 *
 * <p>An id is 1 to 64 characters of {@code [A-Za-z0-9._-]}, and not dots alone. The narrow alphabet keeps ids safe to
 * place in an event stream, where a line break would start a forged field, and in metric tags.
 */
public final class StreamIds {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** Ids of dots alone, which clients normalise away as path segments, so they could never be reached. */
	private static final Pattern DOTS = Pattern.compile("\\.+");


	private StreamIds() {
	}


	/**
	 * Returns the id unchanged if it is valid.
	 * @throws InvalidStreamIdException if it is not
	 */
	public static String requireValid(String id) {
		if (!VALID.matcher(id).matches() || DOTS.matcher(id).matches()) {
			throw new InvalidStreamIdException(id);
		}
		return id;
	}

}
