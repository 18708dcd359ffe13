package io.poolstream.source;

/**
 * Thrown when a new source would exceed the configured number of sources.
 */
public class TooManySourcesException extends RuntimeException {

	public TooManySourcesException(String stream, int limit) {
		super("cannot add a source to stream '" + stream + "': this instance already runs its limit of " + limit
				+ " sources; delete unused sources or raise poolstream.sources.max-sources");
	}

}
