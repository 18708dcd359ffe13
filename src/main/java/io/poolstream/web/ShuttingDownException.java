package io.poolstream.web;

/**
 * Thrown when a frame arrives after the service started shutting down.
 */
class ShuttingDownException extends RuntimeException {

	ShuttingDownException(String stream) {
		super("the service is shutting down and takes no new frames for stream '" + stream
				+ "'; frames accepted before are still processed. Retry later, or send to another instance");
	}

}
