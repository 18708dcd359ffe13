package io.poolstream.pooling;

/**
 * Pools the start of consecutive float32 output rows of full 2×2 windows at stride 2, so that a
 * caller can finish the rest of each row with its own loop.
 */
interface PairRowKernel {

	/**
	 * Writes output values {@code [0, n)} of {@code rows} output rows of {@code count} values, the
	 * first at {@code target}, and returns {@code n}, which is at most {@code count}. Output row
	 * {@code r} pools the input rows of {@code width} values that start at
	 * {@code top + 2 r width} and {@code top + (2 r + 1) width}. Writes nothing outside
	 * {@code [target, target + rows count)}.
	 */
	int poolRows(float[] input, int top, int width, float[] output, int target, int count, int rows);

}
