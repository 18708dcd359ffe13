package io.poolstream.client;

import org.jspecify.annotations.Nullable;

/**
 * Signals that the server returned an error status for a request. The fields come from the
 * RFC 9457 problem detail that the server sends.
 */
public class PoolstreamClientException extends RuntimeException {

	private final int status;

	private final @Nullable String type;


	PoolstreamClientException(int status, @Nullable String type, String message) {
		super(message);
		this.status = status;
		this.type = type;
	}


	/**
	 * Returns the HTTP status code.
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the problem type URI, such as {@code https://poolstream.dev/problems/stream-full},
	 * or {@code null} if the body was not a problem detail.
	 */
	public @Nullable String type() {
		return this.type;
	}

}
