package io.poolstream.web;

/**
 * Thrown when the frames held across all streams reached the server's cap.
 */
class ServerSaturatedException extends RuntimeException {

	ServerSaturatedException() {
		super("the server holds as many frames as poolstream.limits.max-frames-held and max-bytes-held allow; "
				+ "retry later, send frames more slowly, or add instances");
	}

}
