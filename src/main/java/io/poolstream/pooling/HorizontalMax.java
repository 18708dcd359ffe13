package io.poolstream.pooling;

/**
 * Reduces one row of non-negative int samples to the maximum over each window's columns, the
 * horizontal pass of separable max pooling, shared by the max, min and gradient kernels.
 */
final class HorizontalMax {

	private HorizontalMax() {
	}


	/**
	 * Writes the maximum over the real columns of each output window, per channel, into
	 * {@code maxima} in interleaved order, or -1 for a window without real columns.
	 */
	static void poolRow(int[] row, PoolAxis columns, int channels, int[] maxima) {
		int c = channels;
		int step = columns.dilation * c;
		for (int channel = 0; channel < c; channel++) {
			int o = channel;
			for (int ox = 0; ox < columns.outputSize; ox++, o += c) {
				int taps = columns.tapCount[ox];
				int max = -1;
				for (int tx = 0, i = columns.firstTap[ox] * c + channel; tx < taps; tx++, i += step) {
					max = Math.max(max, row[i]);
				}
				maxima[o] = max;
			}
		}
	}

}
