package io.poolstream.codec;

import io.poolstream.pooling.Raster;

/**
 * Measures how far two rasters of the same shape differ, for lossy-codec assertions.
 */
final class RasterComparison {

	private RasterComparison() {
	}


	/**
	 * Returns the mean absolute difference per sample, from 0 (identical) to 255.
	 * @throws IllegalArgumentException if the shapes differ
	 */
	static double meanAbsoluteDifference(Raster expected, Raster actual) {
		if (expected.width() != actual.width() || expected.height() != actual.height()
				|| expected.channels() != actual.channels()) {
			throw new IllegalArgumentException("shapes differ: " + expected + " and " + actual);
		}
		byte[] left = expected.samples();
		byte[] right = actual.samples();
		long sum = 0;
		for (int i = 0; i < left.length; i++) {
			sum += Math.abs((left[i] & 0xFF) - (right[i] & 0xFF));
		}
		return (double) sum / left.length;
	}

}
