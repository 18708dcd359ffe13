package io.poolstream.web;

/**
 * Thrown when a stream's waiting queue is full and its policy rejects new frames.
 */
class StreamFullException extends RuntimeException {

	StreamFullException(String stream, int capacity) {
		super("stream '" + stream + "' already has " + capacity
				+ " frames waiting; retry later, send frames more slowly, or raise the stream's backpressure capacity");
	}

}
