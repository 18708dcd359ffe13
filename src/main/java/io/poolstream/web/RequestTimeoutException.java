package io.poolstream.web;

/**
 * Thrown when a request body stops arriving while the server is waiting for it, or takes longer
 * in total than its limit.
 */
class RequestTimeoutException extends RuntimeException {

	RequestTimeoutException(String message) {
		super(message);
	}

}
