package io.poolstream.source;

/**
 * Thrown when a field of a source request is invalid, naming the field.
 */
public class InvalidSourceException extends RuntimeException {

	private final String field;


	public InvalidSourceException(String field, String message) {
		super(message);
		this.field = field;
	}


	public String field() {
		return this.field;
	}

}
