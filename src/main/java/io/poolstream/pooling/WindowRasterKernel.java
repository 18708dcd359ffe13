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
 * row over each window's columns. Sums are in long (avg) or double (lp), so a window of any
 * size cannot overflow.
 */
final class WindowRasterKernel implements RasterKernel {

	private final PoolSpec spec;

	private final PoolAxis rows;

	private final PoolAxis columns;

	private final int channels;

	private final int inputRowLength;

	private final double[] powers;


	WindowRasterKernel(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		this.spec = spec;
		this.rows = rows;
		this.columns = columns;
		this.channels = channels;
		this.inputRowLength = columns.inputSize * channels;
		this.powers = (spec.mode() == PoolMode.LP) ? powerTable(spec.p()) : new double[0];
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
				HorizontalMax.poolRow(vertical, this.columns, this.channels, maxima);
			}

			int target = oy * maxima.length;
			for (int j = 0; j < maxima.length; j++) {
				// A window of only padding keeps -1, which is 0 for max and 255 for min.
				output[target + j] = (byte) ((maxima[j] < 0) ? flip : maxima[j] ^ flip);
			}
		}
	}

	private void poolAverage(byte[] input, byte[] output, int fromRow, int toRow) {
		long[] vertical = new long[this.inputRowLength];
		int c = this.channels;
		int columnStep = this.columns.dilation * c;
		for (int oy = fromRow; oy < toRow; oy++) {
			Arrays.fill(vertical, 0);
			for (int t = 0; t < this.rows.tapCount[oy]; t++) {
				int start = (this.rows.firstTap[oy] + t * this.rows.dilation) * this.inputRowLength;
				for (int i = 0; i < vertical.length; i++) {
					vertical[i] += input[start + i] & 0xFF;
				}
			}

			int target = oy * this.columns.outputSize * c;
			for (int ox = 0; ox < this.columns.outputSize; ox++) {
				long divisor = divisor(oy, ox);
				int taps = this.columns.tapCount[ox];
				int first = this.columns.firstTap[ox] * c;
				for (int channel = 0; channel < c; channel++) {
					long sum = 0;
					for (int tx = 0, i = first + channel; tx < taps; tx++, i += columnStep) {
						sum += vertical[i];
					}
					// PyTorch leaves a window without real samples at 0.
					output[target + ox * c + channel] = (byte) ((divisor == 0) ? 0 : divideRounded(sum, divisor));
				}
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
	 * Divides a non-negative sum, rounds to the nearest integer with ties to even and clamps to
	 * 255.
	 */
	static int divideRounded(long sum, long divisor) {
		long quotient = sum / divisor;
		long twiceRemainder = 2 * (sum - quotient * divisor);
		if (twiceRemainder > divisor || (twiceRemainder == divisor && (quotient & 1) == 1)) {
			quotient++;
		}
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
