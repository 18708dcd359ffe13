package io.poolstream.pooling;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major (C-contiguous) order: {@code (H, W)}, {@code (C, H, W)} or
 * {@code (N, C, H, W)}, as PyTorch lays out a contiguous tensor.
 *
 * <p>The last two dimensions are the height and width of each plane; the leading dimensions
 * multiply to the number of planes, which are pooled independently. The record copies the
 * shape but not the data array, so the caller that hands one over must not change it
 * afterwards. {@link #equals} and {@link #hashCode} compare contents.
 *
 * @param shape the dimension sizes, 2 to 4 of them, each at least 1
 * @param data the samples, {@code product(shape)} of them
 */
public record Tensor(int[] shape, float[] data) {

	/**
	 * Checks and wraps a shape and its data.
	 * @throws IllegalArgumentException if the rank is not 2 to 4, a dimension is below 1, or
	 * the data length is not the product of the shape
	 */
	public Tensor {
		Objects.requireNonNull(shape, "shape");
		Objects.requireNonNull(data, "data");
		shape = shape.clone();
		long size = elementCount(shape);
		if (size != data.length) {
			throw new IllegalArgumentException("expected " + size + " values for shape " + Arrays.toString(shape)
					+ ", got " + data.length);
		}
	}


	/**
	 * Allocates a zero-filled tensor.
	 * @throws IllegalArgumentException if the shape is invalid or has more than
	 * {@code Integer.MAX_VALUE} elements
	 */
	public static Tensor allocate(int... shape) {
		long size = elementCount(shape);
		if (size > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + size
					+ " elements, more than a Java array holds");
		}
		return new Tensor(shape, new float[(int) size]);
	}

	/**
	 * Checks the rank and dimensions of a shape and returns its element count.
	 */
	static long elementCount(int[] shape) {
		if (shape.length < 2 || shape.length > 4) {
			throw new IllegalArgumentException("tensor rank must be 2 (H, W), 3 (C, H, W) or 4 (N, C, H, W), got "
					+ shape.length + " in shape " + Arrays.toString(shape));
		}
		long size = 1;
		for (int dimension : shape) {
			if (dimension < 1) {
				throw new IllegalArgumentException("tensor dimensions must be at least 1, got "
						+ Arrays.toString(shape));
			}
			size *= dimension;
		}
		return size;
	}


	/**
	 * Returns a copy of the shape.
	 */
	@Override
	public int[] shape() {
		return this.shape.clone();
	}

	/**
	 * Returns the backing array itself, not a copy.
	 */
	@Override
	public float[] data() {
		return this.data;
	}

	public int rank() {
		return this.shape.length;
	}

	/**
	 * Returns the size of the second-to-last dimension, the rows of a plane.
	 */
	public int height() {
		return this.shape[this.shape.length - 2];
	}

	/**
	 * Returns the size of the last dimension, the columns of a plane.
	 */
	public int width() {
		return this.shape[this.shape.length - 1];
	}

	/**
	 * Returns the number of {@code height × width} planes, the product of the leading
	 * dimensions, or 1 for a rank-2 tensor.
	 */
	public int planes() {
		int planes = 1;
		for (int i = 0; i < this.shape.length - 2; i++) {
			planes *= this.shape[i];
		}
		return planes;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Tensor tensor && Arrays.equals(this.shape, tensor.shape)
				&& Arrays.equals(this.data, tensor.data);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.shape) + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(this.shape);
	}

}
