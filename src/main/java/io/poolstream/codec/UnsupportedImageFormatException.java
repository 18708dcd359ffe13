package io.poolstream.codec;

/**
 * Raised for content that is valid but in a format or variant that no installed decoder reads,
 * such as 12-bit JPEG, or content that matches no known format at all.
 */
public class UnsupportedImageFormatException extends ImageException {

	public UnsupportedImageFormatException(String message) {
		super(message);
	}

	public UnsupportedImageFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
