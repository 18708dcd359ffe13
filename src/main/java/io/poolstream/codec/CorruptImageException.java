package io.poolstream.codec;

/**
 * Raised when data in a recognised format is damaged: truncated, with invalid tables or
 * markers, or rejected by the format's decoder.
 */
public class CorruptImageException extends ImageException {

	public CorruptImageException(String message) {
		super(message);
	}

	public CorruptImageException(String message, Throwable cause) {
		super(message, cause);
	}

}
