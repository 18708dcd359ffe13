package io.poolstream.pooling;

import java.util.Objects;

/**
 * An 8-bit image with interleaved channels, stored row by row without padding.
 *
 * <p>The sample of channel {@code c} at column {@code x} and row {@code y} is at index
 * {@code (y * width + x) * channels + c}. Channel counts mean gray (1), gray and alpha (2),
 * RGB (3) and RGBA (4). A raster does not copy its sample array, so the caller that hands one
 * over must not change it afterwards.
 */
public final class Raster {

	private final int width;

	private final int height;

	private final int channels;

	private final byte[] samples;


	/**
	 * Wraps an interleaved sample array.
	 * @throws IllegalArgumentException if a size is not positive, channels is not 1 to 4, or
	 * the array length is not {@code width * height * channels}
	 */
	public Raster(int width, int height, int channels, byte[] samples) {
		Objects.requireNonNull(samples, "samples");
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("raster size must be positive, got " + width + "x" + height);
		}
		if (channels < 1 || channels > 4) {
			throw new IllegalArgumentException("channels must be 1 to 4, got " + channels);
		}
		if ((long) width * height * channels != samples.length) {
			throw new IllegalArgumentException("expected " + (long) width * height * channels
					+ " samples for " + width + "x" + height + "x" + channels + ", got " + samples.length);
		}

		this.width = width;
		this.height = height;
		this.channels = channels;
		this.samples = samples;
	}


	/**
	 * Allocates a zero-filled raster.
	 */
	public static Raster allocate(int width, int height, int channels) {
		return new Raster(width, height, channels, new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
	}

	public int width() {
		return this.width;
	}

	public int height() {
		return this.height;
	}

	public int channels() {
		return this.channels;
	}

	/**
	 * Returns the backing array itself, not a copy.
	 */
	public byte[] samples() {
		return this.samples;
	}

	/**
	 * Returns the number of samples in one row, {@code width * channels}.
	 */
	public int rowLength() {
		return this.width * this.channels;
	}

	/**
	 * Returns the unsigned sample at column x, row y, channel c.
	 */
	public int sample(int x, int y, int c) {
		return this.samples[(y * this.width + x) * this.channels + c] & 0xFF;
	}

	@Override
	public String toString() {
		return "Raster[" + this.width + "x" + this.height + "x" + this.channels + "]";
	}

}
