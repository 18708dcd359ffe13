package io.poolstream.pipeline;

/**
 * Thrown when a stream id does not match {@code [A-Za-z0-9._-]{1,64}}.
 */
public class InvalidStreamIdException extends IllegalArgumentException {

	public InvalidStreamIdException(String id) {
		super("stream id '" + printable(id) + "' is invalid; use 1 to 64 characters of letters, digits, '.', '_' or '-', and not dots alone");
	}


	private static String printable(String id) {
		String shown = (id.length() > 80) ? id.substring(0, 80) + "..." : id;
		return shown.replaceAll("[^\\x20-\\x7E]", "?");
	}

}
