package io.poolstream.pooling;

import java.util.Arrays;

/**
 * Gradient pooling on interleaved 8-bit rasters: max pooling, with the spec's windows, of the
 * per-channel Sobel magnitude {@code sqrt(gx² + gy²)} (see {@link SobelRows}).
 *
 * <p>One output sample is {@code min(255, round(sqrt(max(gx² + gy² over W))))} over the window's
 * real taps {@code W}, rounding ties to even, or 0 if {@code W} is empty. Pooling the squared
 * magnitude is exact because the square root is monotonic, and its result is an integer, so
 * the root is taken once per output sample, from a table.
 *
 * <p>Band safety: a call computes every magnitude row its windows need from the input rows
 * around them, so calls for disjoint output ranges share nothing. Magnitude rows of
 * overlapping windows are cached within a call.
 */
final class GradientRasterKernel implements RasterKernel {

	/** Squared magnitudes above this round to more than 255: {@code sqrt(65281) > 255.5}. */
	private static final int MAX_SQUARE_IN_TABLE = 65280;

	private static final byte[] ROUNDED_ROOTS = roundedRoots();

	private static final int MAX_CACHED_ROWS = 8;

	private final PoolAxis rows;

	private final PoolAxis columns;

	private final int channels;

	private final boolean twoByTwo;


	GradientRasterKernel(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		this.rows = rows;
		this.columns = columns;
		this.channels = channels;
		this.twoByTwo = !spec.adaptive() && rows.tilesWithoutPadding(2) && columns.tilesWithoutPadding(2);
	}


	private static byte[] roundedRoots() {
		// The extra last entry is 255 for every larger square, so a lookup needs no branch.
		byte[] table = new byte[MAX_SQUARE_IN_TABLE + 2];
		for (int square = 0; square < table.length; square++) {
			table[square] = (byte) Math.min(255, Math.rint(Math.sqrt(square)));
		}
		return table;
	}

	/**
	 * Returns {@code min(255, round(sqrt(square)))}, which has no ties because no integer's
	 * square root ends in exactly .5. The square must not be negative.
	 */
	static int roundedRoot(int square) {
		return ROUNDED_ROOTS[Math.min(square, MAX_SQUARE_IN_TABLE + 1)] & 0xFF;
	}

	@Override
	public void poolRows(byte[] input, byte[] output, int fromRow, int toRow) {
		SobelRows sobel = new SobelRows(input, this.columns.inputSize, this.rows.inputSize, this.channels);
		if (this.twoByTwo) {
			poolTwoByTwo(sobel, output, fromRow, toRow);
		}
		else {
			poolWindows(sobel, output, fromRow, toRow);
		}
	}

	private void poolTwoByTwo(SobelRows sobel, byte[] output, int fromRow, int toRow) {
		int c = this.channels;
		int outputWidth = this.columns.outputSize;
		int[] top = new int[this.columns.inputSize * c];
		int[] bottom = new int[top.length];
		for (int oy = fromRow; oy < toRow; oy++) {
			sobel.computeRow(2 * oy, top);
			sobel.computeRow(2 * oy + 1, bottom);
			for (int i = 0; i < top.length; i++) {
				top[i] = Math.max(top[i], bottom[i]);
			}

			int target = oy * outputWidth * c;
			for (int channel = 0; channel < c; channel++) {
				int i = channel;
				int o = target + channel;
				for (int ox = 0; ox < outputWidth; ox++, i += 2 * c, o += c) {
					output[o] = (byte) roundedRoot(Math.max(top[i], top[i + c]));
				}
			}
		}
	}

	private void poolWindows(SobelRows sobel, byte[] output, int fromRow, int toRow) {
		int rowLength = this.columns.inputSize * this.channels;
		MagnitudeCache cache = new MagnitudeCache(sobel, cacheSize(), rowLength);
		int[] vertical = new int[rowLength];
		int[] maxima = new int[this.columns.outputSize * this.channels];
		for (int oy = fromRow; oy < toRow; oy++) {
			int taps = this.rows.tapCount[oy];
			for (int t = 0; t < taps; t++) {
				int[] magnitudes = cache.row(this.rows.firstTap[oy] + t * this.rows.dilation);
				if (t == 0) {
					System.arraycopy(magnitudes, 0, vertical, 0, rowLength);
				}
				else {
					for (int i = 0; i < rowLength; i++) {
						vertical[i] = Math.max(vertical[i], magnitudes[i]);
					}
				}
			}
			if (taps == 0) {
				Arrays.fill(maxima, -1);
			}
			else {
				HorizontalPass.maxRow(vertical, this.columns, this.channels, maxima);
			}

			int target = oy * maxima.length;
			for (int j = 0; j < maxima.length; j++) {
				output[target + j] = (byte) ((maxima[j] < 0) ? 0 : roundedRoot(maxima[j]));
			}
		}
	}

	private int cacheSize() {
		int largest = 1;
		for (int taps : this.rows.tapCount) {
			largest = Math.max(largest, taps);
		}
		return Math.min(largest, MAX_CACHED_ROWS);
	}


	/**
	 * Keeps the most recent magnitude rows of one call, evicting the lowest row first because
	 * windows move downwards. Windows taller than the cache recompute rows, which is correct
	 * but slower.
	 */
	private static final class MagnitudeCache {

		private final SobelRows sobel;

		private final int[][] rows;

		private final int[] rowIndex;


		MagnitudeCache(SobelRows sobel, int size, int rowLength) {
			this.sobel = sobel;
			this.rows = new int[size][rowLength];
			this.rowIndex = new int[size];
			Arrays.fill(this.rowIndex, -1);
		}


		int[] row(int y) {
			int victim = 0;
			for (int slot = 0; slot < this.rows.length; slot++) {
				if (this.rowIndex[slot] == y) {
					return this.rows[slot];
				}
				if (this.rowIndex[slot] < this.rowIndex[victim]) {
					victim = slot;
				}
			}
			this.sobel.computeRow(y, this.rows[victim]);
			this.rowIndex[victim] = y;
			return this.rows[victim];
		}

	}

}
