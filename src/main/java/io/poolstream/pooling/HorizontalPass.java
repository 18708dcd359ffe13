package io.poolstream.pooling;

/**
 * Reduces one row of int samples over each window's columns, the horizontal pass of the
 * separable window kernels: the maximum for max, min and gradient pooling, and the sum for avg.
 *
 * <p>Complete windows, the bulk of a row, run tap by tap over whole rows: for each tap and
 * channel, one loop over the output columns with indices linear in the counter. This avoids
 * a short inner loop per window, whose loop overhead dominated the kernel. The clipped windows
 * at the edges take the plain loop.
 */
final class HorizontalPass {

	private HorizontalPass() {
	}


	/**
	 * Writes the maximum over the real columns of each output window, per channel, into
	 * {@code maxima} in interleaved order, or -1 for a window without real columns. Samples
	 * must be non-negative.
	 */
	static void maxRow(int[] row, PoolAxis columns, int channels, int[] maxima) {
		int c = channels;
		int from = columns.regularFrom;
		int to = columns.regularTo;
		for (int tap = 0; tap < columns.kernel && from < to; tap++) {
			int offset = (tap * columns.dilation - columns.padding) * c;
			int step = columns.stride * c;
			for (int channel = 0; channel < c; channel++) {
				int i = from * step + offset + channel;
				int end = to * c;
				if (tap == 0) {
					for (int o = from * c + channel; o < end; o += c, i += step) {
						maxima[o] = row[i];
					}
				}
				else {
					for (int o = from * c + channel; o < end; o += c, i += step) {
						maxima[o] = Math.max(maxima[o], row[i]);
					}
				}
			}
		}
		for (int ox = 0; ox < columns.outputSize; ox++) {
			if (ox == from && from < to) {
				ox = to - 1;
				continue;
			}
			for (int channel = 0; channel < c; channel++) {
				int max = -1;
				for (int tx = 0, i = columns.firstTap[ox] * c + channel; tx < columns.tapCount[ox];
						tx++, i += columns.dilation * c) {
					max = Math.max(max, row[i]);
				}
				maxima[ox * c + channel] = max;
			}
		}
	}

	/**
	 * Writes the sum over the real columns of each output window, per channel, into
	 * {@code sums} in interleaved order, or 0 for a window without real columns.
	 */
	static void sumRow(int[] row, PoolAxis columns, int channels, long[] sums) {
		int c = channels;
		int from = columns.regularFrom;
		int to = columns.regularTo;
		for (int tap = 0; tap < columns.kernel && from < to; tap++) {
			int offset = (tap * columns.dilation - columns.padding) * c;
			int step = columns.stride * c;
			for (int channel = 0; channel < c; channel++) {
				int i = from * step + offset + channel;
				int end = to * c;
				if (tap == 0) {
					for (int o = from * c + channel; o < end; o += c, i += step) {
						sums[o] = row[i];
					}
				}
				else {
					for (int o = from * c + channel; o < end; o += c, i += step) {
						sums[o] += row[i];
					}
				}
			}
		}
		for (int ox = 0; ox < columns.outputSize; ox++) {
			if (ox == from && from < to) {
				ox = to - 1;
				continue;
			}
			for (int channel = 0; channel < c; channel++) {
				long sum = 0;
				for (int tx = 0, i = columns.firstTap[ox] * c + channel; tx < columns.tapCount[ox];
						tx++, i += columns.dilation * c) {
					sum += row[i];
				}
				sums[ox * c + channel] = sum;
			}
		}
	}

}
