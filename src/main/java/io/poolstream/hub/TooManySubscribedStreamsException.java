package io.poolstream.hub;

/**
 * Thrown when a subscription would open a channel beyond the cap on streams.
 */
public class TooManySubscribedStreamsException extends RuntimeException {

	public TooManySubscribedStreamsException(String stream, int limit) {
		super("cannot subscribe to stream '" + stream + "': this instance already tracks its limit of " + limit
				+ " streams; subscribe to an existing stream or raise poolstream.streams.max-streams");
	}

}
