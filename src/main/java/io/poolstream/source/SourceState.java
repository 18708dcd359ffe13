package io.poolstream.source;

import java.util.Locale;

/**
 * The connection state of a pull source.
 */
public enum SourceState {

	/** Checking the address and opening the connection. */
	CONNECTING,

	/** Receiving: the response headers arrived, or the last poll succeeded. */
	CONNECTED,

	/** Waiting before the next attempt, after a failure. */
	BACKOFF,

	/** Stopped for good: deleted, its stream deleted, or the service shutting down. */
	STOPPED;


	/**
	 * Returns the state as the API spells it.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
