package io.poolstream.pooling;

/**
 * Computes rows of the squared Sobel gradient magnitude {@code gx² + gy²} of an interleaved
 * 8-bit raster, per channel, with replicated borders.
 *
 * <p>{@code gx} is the correlation with {@code [-1 0 1; -2 0 2; -1 0 1]} and {@code gy} with its
 * transpose. Both are separable: {@code gx} is the vertical {@code [1 2 1]} of the horizontal
 * difference {@code d = I[x+1] - I[x-1]}, and {@code gy} is the vertical difference of the
 * horizontal smoothing {@code s = I[x-1] + 2 I[x] + I[x+1]}, with x counted in pixels. An
 * instance caches {@code d} and {@code s} of the last three input rows, so requesting rows in
 * increasing order prepares each input row once. The squared magnitude is at most
 * {@code 2 * 1020²}, well inside an int.
 *
 * <p>Not thread-safe: each call of a kernel creates its own instance.
 */
final class SobelRows {

	private static final int SLOTS = 3;

	private final byte[] input;

	private final int width;

	private final int height;

	private final int channels;

	private final int[][] differences;

	private final int[][] smoothed;

	private final int[] slotRow = { -1, -1, -1 };

	private final int[] samples;

	private final int[] leftSamples;

	private final int[] rightSamples;


	SobelRows(byte[] input, int width, int height, int channels) {
		this.input = input;
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.differences = new int[SLOTS][width * channels];
		this.smoothed = new int[SLOTS][width * channels];
		this.samples = new int[width * channels];
		this.leftSamples = new int[width * channels];
		this.rightSamples = new int[width * channels];
	}


	/**
	 * Writes the squared gradient magnitude of input row {@code y} into {@code target}, an array
	 * of one row of samples.
	 */
	void computeRow(int y, int[] target) {
		int top = Math.max(y - 1, 0);
		int bottom = Math.min(y + 1, this.height - 1);
		int above = slotOf(top, top, bottom);
		int center = slotOf(y, top, bottom);
		int below = slotOf(bottom, top, bottom);
		int[] d0 = this.differences[above];
		int[] d1 = this.differences[center];
		int[] d2 = this.differences[below];
		int[] s0 = this.smoothed[above];
		int[] s2 = this.smoothed[below];
		for (int i = 0; i < target.length; i++) {
			int gx = d0[i] + 2 * d1[i] + d2[i];
			int gy = s2[i] - s0[i];
			target[i] = gx * gx + gy * gy;
		}
	}

	/**
	 * Returns the cache slot of input row {@code y}, preparing it if it is missing. The rows in
	 * {@code [top, bottom]} are in use, at most three, so a slot outside them is always free.
	 * Of those slots, the one with the lowest row is reused first because callers move downwards.
	 */
	private int slotOf(int y, int top, int bottom) {
		int victim = -1;
		for (int slot = 0; slot < SLOTS; slot++) {
			int row = this.slotRow[slot];
			if (row == y) {
				return slot;
			}
			boolean inUse = row >= top && row <= bottom;
			if (!inUse && (victim < 0 || row < this.slotRow[victim])) {
				victim = slot;
			}
		}
		prepareRow(y, this.differences[victim], this.smoothed[victim]);
		this.slotRow[victim] = y;
		return victim;
	}

	private void prepareRow(int y, int[] difference, int[] smoothing) {
		int c = this.channels;
		int rowLength = this.width * c;
		int[] center = this.samples;
		int[] left = this.leftSamples;
		int[] right = this.rightSamples;
		int start = y * rowLength;
		for (int i = 0; i < rowLength; i++) {
			center[i] = this.input[start + i] & 0xFF;
		}

		// Shifted copies keep the loops below at one index, which C2 vectorizes, where a
		// loop reading center[i - c] and center[i + c] stays scalar. The copies replicate
		// the border pixel at both ends.
		System.arraycopy(center, 0, left, c, rowLength - c);
		System.arraycopy(center, 0, left, 0, c);
		System.arraycopy(center, c, right, 0, rowLength - c);
		System.arraycopy(center, rowLength - c, right, rowLength - c, c);
		for (int i = 0; i < rowLength; i++) {
			difference[i] = right[i] - left[i];
			smoothing[i] = left[i] + 2 * center[i] + right[i];
		}
	}

}
