package io.poolstream.web;

/**
 * Thrown when a request body is larger than its configured limit.
 */
class PayloadTooLargeException extends RuntimeException {

	PayloadTooLargeException(String what, long limitBytes, String property) {
		super(what + " is larger than the limit of " + BodyReader.describeBytes(limitBytes)
				+ "; send a smaller body or raise " + property);
	}

}
