package io.poolstream.web;

/**
 * Thrown when a request parameter or field is invalid, naming it.
 */
class InvalidRequestException extends RuntimeException {

	private final String parameter;


	InvalidRequestException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}


	String parameter() {
		return this.parameter;
	}

}
