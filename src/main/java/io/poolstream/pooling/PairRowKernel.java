package io.poolstream.pooling;

/**
 * Pools the start of one float32 output row of full 2×2 windows at stride 2, so that a caller
 * can finish the rest of the row with its own loop.
 */
interface PairRowKernel {

	/**
	 * Writes output values {@code [0, n)} of the row at {@code target}, from the input rows
	 * starting at {@code top} and {@code bottom}, and returns {@code n}, which is at most
	 * {@code count}. Writes nothing outside {@code [target, target + count)}.
	 */
	int poolRow(float[] input, int top, int bottom, float[] output, int target, int count);

}
