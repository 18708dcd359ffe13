package io.poolstream.codec;

/**
 * Base of the failures that bad input causes in {@link ImageDecoder} or a {@link FrameSplitter}.
 *
 * <p>Each subtype is one failure a caller can act on. Its message is safe to show to a client
 * because it names the value, the limit or expectation, and the fix, and contains no stack trace
 * or file path.
 */
public abstract class ImageException extends RuntimeException {

	protected ImageException(String message) {
		super(message);
	}

	protected ImageException(String message, Throwable cause) {
		super(message, cause);
	}

}
