package io.poolstream.codec;

/**
 * Raised when a body contains no bytes at all.
 */
public class EmptyImageException extends ImageException {

	public EmptyImageException() {
		super("the body is empty; send one encoded image");
	}

}
