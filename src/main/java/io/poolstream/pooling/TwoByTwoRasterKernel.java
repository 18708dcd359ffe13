package io.poolstream.pooling;

/**
 * Max, min and avg pooling with a 2×2 window, stride 2, no padding and only full windows, the
 * most common request, written as tight loops over whole rows.
 *
 * <p>Each output row is two passes: a vertical pass that combines the two input rows sample by
 * sample into an int row (unit stride, which C2 can unroll and vectorize), and a horizontal
 * pass that combines neighboring pixels of that row per channel. Avg rounds
 * {@code sum / 4} to the nearest integer with ties to even, as {@code (sum + 1 + (q & 1)) >> 2}
 * where {@code q = sum >> 2}.
 */
final class TwoByTwoRasterKernel implements RasterKernel {

	private final PoolMode mode;

	private final int inputRowLength;

	private final int outputWidth;

	private final int channels;


	TwoByTwoRasterKernel(PoolMode mode, int inputWidth, int outputWidth, int channels) {
		this.mode = mode;
		this.inputRowLength = inputWidth * channels;
		this.outputWidth = outputWidth;
		this.channels = channels;
	}


	/**
	 * Returns whether the fast path computes exactly what the general kernel would.
	 */
	static boolean supports(PoolSpec spec, PoolAxis rows, PoolAxis columns) {
		boolean reduction = spec.mode() == PoolMode.MAX || spec.mode() == PoolMode.MIN
				|| (spec.mode() == PoolMode.AVG && (spec.divisorOverride() == 0 || spec.divisorOverride() == 4));
		return reduction && !spec.adaptive() && rows.tilesWithoutPadding(2) && columns.tilesWithoutPadding(2);
	}

	@Override
	public void poolRows(byte[] input, byte[] output, int fromRow, int toRow) {
		int[] vertical = new int[this.outputWidth * 2 * this.channels];
		int outputRowLength = this.outputWidth * this.channels;
		for (int oy = fromRow; oy < toRow; oy++) {
			int top = 2 * oy * this.inputRowLength;
			int bottom = top + this.inputRowLength;
			int target = oy * outputRowLength;
			switch (this.mode) {
				case MAX -> {
					maxRows(input, top, bottom, vertical);
					maxPairs(vertical, output, target);
				}
				case MIN -> {
					minRows(input, top, bottom, vertical);
					minPairs(vertical, output, target);
				}
				default -> {
					sumRows(input, top, bottom, vertical);
					averagePairs(vertical, output, target);
				}
			}
		}
	}

	private static void maxRows(byte[] input, int top, int bottom, int[] vertical) {
		for (int i = 0; i < vertical.length; i++) {
			vertical[i] = Math.max(input[top + i] & 0xFF, input[bottom + i] & 0xFF);
		}
	}

	private static void minRows(byte[] input, int top, int bottom, int[] vertical) {
		for (int i = 0; i < vertical.length; i++) {
			vertical[i] = Math.min(input[top + i] & 0xFF, input[bottom + i] & 0xFF);
		}
	}

	private static void sumRows(byte[] input, int top, int bottom, int[] vertical) {
		for (int i = 0; i < vertical.length; i++) {
			vertical[i] = (input[top + i] & 0xFF) + (input[bottom + i] & 0xFF);
		}
	}

	private void maxPairs(int[] vertical, byte[] output, int target) {
		int c = this.channels;
		for (int channel = 0; channel < c; channel++) {
			int i = channel;
			int o = target + channel;
			for (int ox = 0; ox < this.outputWidth; ox++, i += 2 * c, o += c) {
				output[o] = (byte) Math.max(vertical[i], vertical[i + c]);
			}
		}
	}

	private void minPairs(int[] vertical, byte[] output, int target) {
		int c = this.channels;
		for (int channel = 0; channel < c; channel++) {
			int i = channel;
			int o = target + channel;
			for (int ox = 0; ox < this.outputWidth; ox++, i += 2 * c, o += c) {
				output[o] = (byte) Math.min(vertical[i], vertical[i + c]);
			}
		}
	}

	private void averagePairs(int[] vertical, byte[] output, int target) {
		int c = this.channels;
		for (int channel = 0; channel < c; channel++) {
			int i = channel;
			int o = target + channel;
			for (int ox = 0; ox < this.outputWidth; ox++, i += 2 * c, o += c) {
				int sum = vertical[i] + vertical[i + c];
				output[o] = (byte) ((sum + 1 + ((sum >> 2) & 1)) >> 2);
			}
		}
	}

}
