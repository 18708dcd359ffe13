package io.poolstream.codec;

/**
 * Base of the failures that bad input causes in a decoder, encoder or frame splitter.
 *
 * <p>Each subtype is one failure a caller can act on, and its message is safe to show to a
 * client: it names the value, the limit or expectation, and the fix, and holds no stack trace or
 * file path.
 */
public abstract class ImageException extends RuntimeException {

	protected ImageException(String message) {
		super(message);
	}

	protected ImageException(String message, Throwable cause) {
		super(message, cause);
	}

}
