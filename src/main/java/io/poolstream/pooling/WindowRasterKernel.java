package io.poolstream.pooling;

import java.util.Arrays;

/**
 * Max, min, avg and lp pooling for any window geometry: padding, dilation, ceil mode and
 * adaptive windows, on interleaved 8-bit rasters.
 *
 * <p>One output sample, for the window's real taps {@code W} (padding taps left out):
 * <ul>
 * <li>max: {@code max(W)}, or 0 if {@code W} is empty (padding counts as -inf);
 * <li>min: {@code min(W)}, or 255 if {@code W} is empty (padding counts as +inf);
 * <li>avg: {@code round(sum(W) / divisor)}, ties to even, clamped to 255, where the divisor is
 * {@code divisorOverride}, else the window clipped to the padded input if
 * {@code countIncludePad}, else {@code |W|};
 * <li>lp: {@code round((sum(x^p over W) / |W| * kernelHeight * kernelWidth)^(1/p))}, ties to
 * even, clamped to 255, computed in double. With dilation 1 this is PyTorch's
 * {@code lp_pool2d}, which scales the mean of a clipped ceil-mode window by the full kernel
 * area.
 * </ul>
 * Each output row takes two passes: a vertical pass combines the window's input rows sample
 * by sample into one row (unit stride, so C2 can unroll it), and a horizontal pass reduces that
 * row over each window's columns. Window sums are in long (avg) or double (lp), and avg row sums
 * in int, which fits 255 times the height of any raster this kernel accepts.
 */
final class WindowRasterKernel implements RasterKernel {

	private final PoolSpec spec;

	private final PoolAxis rows;

	private final PoolAxis columns;

	private final int channels;

	private final int inputRowLength;

	private final double[] powers;

	private final double[] rowPaddedReciprocals;

	private final double[] columnPaddedReciprocals;

	private final double[] rowTapReciprocals;

	private final double[] columnTapReciprocals;


	WindowRasterKernel(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		this.spec = spec;
		this.rows = rows;
		this.columns = columns;
		this.channels = channels;
		this.inputRowLength = columns.inputSize * channels;
		this.powers = (spec.mode() == PoolMode.LP) ? powerTable(spec.p()) : new double[0];
		this.rowPaddedReciprocals = reciprocals(rows.paddedSize);
		this.columnPaddedReciprocals = reciprocals(columns.paddedSize);
		this.rowTapReciprocals = reciprocals(rows.tapCount);
		this.columnTapReciprocals = reciprocals(columns.tapCount);
		if (rows.inputSize > Integer.MAX_VALUE / 255) {
			// NOTE: the avg row sums are ints, so rasters taller than 8,421,504 rows are not supported.
			throw new IllegalArgumentException("input height " + rows.inputSize + " is not supported by the window "
					+ "kernel; use at most " + (Integer.MAX_VALUE / 255) + " rows");
		}
	}

	private static double[] reciprocals(int[] sizes) {
		double[] reciprocals = new double[sizes.length];
		for (int i = 0; i < sizes.length; i++) {
			reciprocals[i] = (sizes[i] == 0) ? 0 : 1.0 / sizes[i];
		}
		return reciprocals;
	}


	private static double[] powerTable(double p) {
		double[] table = new double[256];
		for (int value = 0; value < table.length; value++) {
			table[value] = Math.pow(value, p);
		}
		return table;
	}

	@Override
	public void poolRows(byte[] input, byte[] output, int fromRow, int toRow) {
		switch (this.spec.mode()) {
			case MAX -> poolExtremes(input, output, fromRow, toRow, 0);
			// min(x) = 255 - max(255 - x), and 255 - x is x ^ 0xFF for 8-bit samples.
			case MIN -> poolExtremes(input, output, fromRow, toRow, 0xFF);
			case AVG -> poolAverage(input, output, fromRow, toRow);
			case LP -> poolPower(input, output, fromRow, toRow);
			default -> throw new IllegalStateException("no window kernel for " + this.spec.mode());
		}
	}

	/**
	 * Applies max pooling to {@code sample ^ flip}, so one loop serves max (flip 0) and min
	 * (flip 0xFF).
	 */
	private void poolExtremes(byte[] input, byte[] output, int fromRow, int toRow, int flip) {
		int[] vertical = new int[this.inputRowLength];
		int[] maxima = new int[this.columns.outputSize * this.channels];
		for (int oy = fromRow; oy < toRow; oy++) {
			int taps = this.rows.tapCount[oy];
			for (int t = 0; t < taps; t++) {
				int start = (this.rows.firstTap[oy] + t * this.rows.dilation) * this.inputRowLength;
				if (t == 0) {
					for (int i = 0; i < vertical.length; i++) {
						vertical[i] = (input[start + i] & 0xFF) ^ flip;
					}
				}
				else {
					for (int i = 0; i < vertical.length; i++) {
						vertical[i] = Math.max(vertical[i], (input[start + i] & 0xFF) ^ flip);
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
				// A window of only padding keeps -1, which is 0 for max and 255 for min.
				output[target + j] = (byte) ((maxima[j] < 0) ? flip : maxima[j] ^ flip);
			}
		}
	}

	private void poolAverage(byte[] input, byte[] output, int fromRow, int toRow) {
		int c = this.channels;
		int outputWidth = this.columns.outputSize;
		int[] vertical = new int[this.inputRowLength];
		long[] sums = new long[outputWidth * c];
		long[] divisors = new long[outputWidth];
		double[] reciprocals = new double[outputWidth];
		for (int oy = fromRow; oy < toRow; oy++) {
			sumWindowRows(input, oy, vertical);
			HorizontalPass.sumRow(vertical, this.columns, c, sums);
			for (int ox = 0; ox < outputWidth; ox++) {
				divisors[ox] = divisor(oy, ox);
				reciprocals[ox] = reciprocal(oy, ox);
			}

			int target = oy * sums.length;
			for (int channel = 0; channel < c; channel++) {
				for (int ox = 0, j = channel; ox < outputWidth; ox++, j += c) {
					// PyTorch leaves a window without real samples at 0.
					output[target + j] = (byte) ((divisors[ox] == 0) ? 0
							: divideRounded(sums[j], divisors[ox], reciprocals[ox]));
				}
			}
		}
	}

	/**
	 * Sums the window's input rows of output row {@code oy} sample by sample. The sum fits an int
	 * because the constructor checked that 255 times the input height does.
	 */
	private void sumWindowRows(byte[] input, int oy, int[] vertical) {
		int taps = this.rows.tapCount[oy];
		if (taps == 0) {
			Arrays.fill(vertical, 0);
			return;
		}
		int first = this.rows.firstTap[oy] * this.inputRowLength;
		int rowStep = this.rows.dilation * this.inputRowLength;
		for (int i = 0; i < vertical.length; i++) {
			vertical[i] = input[first + i] & 0xFF;
		}
		for (int t = 1; t < taps; t++) {
			int start = first + t * rowStep;
			for (int i = 0; i < vertical.length; i++) {
				vertical[i] += input[start + i] & 0xFF;
			}
		}
	}

	private long divisor(int oy, int ox) {
		if (this.rows.tapCount[oy] == 0 || this.columns.tapCount[ox] == 0) {
			return 0;
		}
		if (this.spec.divisorOverride() > 0) {
			return this.spec.divisorOverride();
		}
		if (this.spec.countIncludePad()) {
			return (long) this.rows.paddedSize[oy] * this.columns.paddedSize[ox];
		}
		return (long) this.rows.tapCount[oy] * this.columns.tapCount[ox];
	}

	/**
	 * Returns an estimate of {@code 1 / divisor(oy, ox)} from per-axis tables, close enough
	 * for {@link #divideRounded} to correct with one step.
	 */
	private double reciprocal(int oy, int ox) {
		if (this.spec.divisorOverride() > 0) {
			return 1.0 / this.spec.divisorOverride();
		}
		if (this.spec.countIncludePad()) {
			return this.rowPaddedReciprocals[oy] * this.columnPaddedReciprocals[ox];
		}
		return this.rowTapReciprocals[oy] * this.columnTapReciprocals[ox];
	}

	/**
	 * Divides a non-negative sum, rounds to the nearest integer with ties to even and clamps to
	 * 255. The quotient estimate {@code sum * reciprocal} is off by at most one for sums below
	 * 2^40 and is corrected with the exact integer remainder, which also decides ties, so the
	 * result is exact without a long division.
	 */
	static int divideRounded(long sum, long divisor, double reciprocal) {
		long quotient = (long) (sum * reciprocal);
		long remainder = sum - quotient * divisor;
		if (remainder < 0) {
			quotient--;
			remainder += divisor;
		}
		else if (remainder >= divisor) {
			quotient++;
			remainder -= divisor;
		}
		// Round up when 2 * remainder > divisor, or on a tie when the quotient is odd. Computed
		// without branches, which random samples would mispredict half of the time.
		long excess = 2 * remainder - divisor;
		long above = (-excess) >>> 63;
		long tie = ((excess | -excess) >>> 63) ^ 1;
		quotient += above | (tie & quotient & 1);
		return (int) Math.min(quotient, 255);
	}

	private void poolPower(byte[] input, byte[] output, int fromRow, int toRow) {
		double[] vertical = new double[this.inputRowLength];
		int c = this.channels;
		int columnStep = this.columns.dilation * c;
		double kernelArea = (double) this.spec.kernelHeight() * this.spec.kernelWidth();
		double inverseP = 1.0 / this.spec.p();
		for (int oy = fromRow; oy < toRow; oy++) {
			Arrays.fill(vertical, 0);
			for (int t = 0; t < this.rows.tapCount[oy]; t++) {
				int start = (this.rows.firstTap[oy] + t * this.rows.dilation) * this.inputRowLength;
				for (int i = 0; i < vertical.length; i++) {
					vertical[i] += this.powers[input[start + i] & 0xFF];
				}
			}

			int target = oy * this.columns.outputSize * c;
			for (int ox = 0; ox < this.columns.outputSize; ox++) {
				int taps = this.columns.tapCount[ox];
				int first = this.columns.firstTap[ox] * c;
				long count = (long) this.rows.tapCount[oy] * taps;
				for (int channel = 0; channel < c; channel++) {
					double sum = 0;
					for (int tx = 0, i = first + channel; tx < taps; tx++, i += columnStep) {
						sum += vertical[i];
					}
					double scaled = (count == 0) ? 0 : sum / count * kernelArea;
					double norm = (inverseP == 0.5) ? Math.sqrt(scaled) : Math.pow(scaled, inverseP);
					output[target + ox * c + channel] = (byte) Math.min(Math.rint(norm), 255);
				}
			}
		}
	}

}
