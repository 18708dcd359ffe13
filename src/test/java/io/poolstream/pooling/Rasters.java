package io.poolstream.pooling;

import java.util.Arrays;

/**
 * Builds small rasters from sample lists and reads them back, for tests.
 */
final class Rasters {

	private Rasters() {
	}


	/**
	 * Creates a raster from unsigned samples given in interleaved row order.
	 */
	static Raster of(int width, int height, int channels, int... samples) {
		byte[] bytes = new byte[samples.length];
		for (int i = 0; i < samples.length; i++) {
			bytes[i] = (byte) samples[i];
		}
		return new Raster(width, height, channels, bytes);
	}

	static Raster gray(int width, int height, int... samples) {
		return of(width, height, 1, samples);
	}

	static Raster filled(int width, int height, int channels, int value) {
		byte[] bytes = new byte[width * height * channels];
		Arrays.fill(bytes, (byte) value);
		return new Raster(width, height, channels, bytes);
	}

	/**
	 * Returns the unsigned samples in interleaved row order.
	 */
	static int[] samples(Raster raster) {
		byte[] bytes = raster.samples();
		int[] values = new int[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			values[i] = bytes[i] & 0xFF;
		}
		return values;
	}

}
