package io.poolstream.codec;

/**
 * Input limits that a decoder checks before it allocates pixels.
 *
 * @param maxBytes the maximum size of one encoded image, in bytes
 * @param maxPixels the maximum width × height of one decoded image (first frame or page only)
 */
public record ImageLimits(long maxBytes, long maxPixels) {

	/**
	 * Checks that both limits are positive.
	 * @throws IllegalArgumentException if a limit is zero or negative
	 */
	public ImageLimits {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
		}
		if (maxPixels < 1) {
			throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
		}
	}

}
