package io.poolstream.pipeline;

/**
 * Thrown when a new stream would exceed the configured number of streams.
 */
public class TooManyStreamsException extends RuntimeException {

	public TooManyStreamsException(String id, int limit) {
		super("cannot create stream '" + id + "': this instance already runs its limit of " + limit
				+ " streams; delete unused streams or raise poolstream.streams.max-streams");
	}

}
