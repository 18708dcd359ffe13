package io.poolstream.codec;

/**
 * Raised by a frame splitter when the framing of a body is invalid, for example a multipart
 * part without its header block or bytes that do not start a JPEG frame.
 */
public class MalformedBodyException extends ImageException {

	public MalformedBodyException(String message) {
		super(message);
	}

}
