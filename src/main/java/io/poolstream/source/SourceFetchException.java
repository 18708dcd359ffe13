package io.poolstream.source;

/**
 * Signals that reading a source URL failed: an error status, a redirect, an oversized body or an
 * ended response. The message is safe to show to API clients.
 */
public class SourceFetchException extends RuntimeException {

	public SourceFetchException(String message) {
		super(message);
	}

	public SourceFetchException(String message, Throwable cause) {
		super(message, cause);
	}

}
