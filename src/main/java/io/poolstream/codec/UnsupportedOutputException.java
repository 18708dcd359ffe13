package io.poolstream.codec;

/**
 * Thrown when a raster cannot be written in the requested output format, such as a colour
 * raster as PGM.
 */
public class UnsupportedOutputException extends ImageException {

	public UnsupportedOutputException(String message) {
		super(message);
	}

}
