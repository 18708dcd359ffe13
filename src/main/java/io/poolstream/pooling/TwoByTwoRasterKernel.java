package io.poolstream.pooling;

/**
 * Max, min and avg pooling with a 2×2 window, stride 2, no padding and only full windows, the
 * most common request, written as tight loops over whole rows.
 *
 * <p>Each loop reads the four samples of a window straight from the two input rows, with
 * indices linear in the loop counter so that C2 can drop the bounds checks. RGB, the common
 * case, has its own loop handling the three channels of a pixel together; other channel
 * counts run one strided loop per channel. Avg rounds {@code sum / 4} to the nearest integer
 * with ties to even, as {@code (sum + 1 + (q & 1)) >> 2} where {@code q = sum >> 2}.
 *
 * <p>These loops are long and repetitive on purpose: a shared helper per sample or a mode
 * switch inside the loop costs a large share of the time of a loop this small.
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
		int outputRowLength = this.outputWidth * this.channels;
		for (int oy = fromRow; oy < toRow; oy++) {
			int top = 2 * oy * this.inputRowLength;
			int bottom = top + this.inputRowLength;
			int target = oy * outputRowLength;
			boolean rgb = this.channels == 3;
			switch (this.mode) {
				case MAX -> {
					if (rgb) {
						maxRgb(input, top, bottom, output, target);
					}
					else {
						maxChannels(input, top, bottom, output, target);
					}
				}
				case MIN -> {
					if (rgb) {
						minRgb(input, top, bottom, output, target);
					}
					else {
						minChannels(input, top, bottom, output, target);
					}
				}
				default -> {
					if (rgb) {
						averageRgb(input, top, bottom, output, target);
					}
					else {
						averageChannels(input, top, bottom, output, target);
					}
				}
			}
		}
	}

	private void maxRgb(byte[] in, int top, int bottom, byte[] out, int target) {
		for (int ox = 0; ox < this.outputWidth; ox++) {
			int i = top + 6 * ox;
			int j = bottom + 6 * ox;
			int o = target + 3 * ox;
			out[o] = (byte) Math.max(Math.max(in[i] & 0xFF, in[i + 3] & 0xFF),
					Math.max(in[j] & 0xFF, in[j + 3] & 0xFF));
			out[o + 1] = (byte) Math.max(Math.max(in[i + 1] & 0xFF, in[i + 4] & 0xFF),
					Math.max(in[j + 1] & 0xFF, in[j + 4] & 0xFF));
			out[o + 2] = (byte) Math.max(Math.max(in[i + 2] & 0xFF, in[i + 5] & 0xFF),
					Math.max(in[j + 2] & 0xFF, in[j + 5] & 0xFF));
		}
	}

	private void maxChannels(byte[] in, int top, int bottom, byte[] out, int target) {
		int c = this.channels;
		for (int channel = 0; channel < c; channel++) {
			int i = top + channel;
			int j = bottom + channel;
			int o = target + channel;
			for (int ox = 0; ox < this.outputWidth; ox++, i += 2 * c, j += 2 * c, o += c) {
				out[o] = (byte) Math.max(Math.max(in[i] & 0xFF, in[i + c] & 0xFF),
						Math.max(in[j] & 0xFF, in[j + c] & 0xFF));
			}
		}
	}

	private void minRgb(byte[] in, int top, int bottom, byte[] out, int target) {
		for (int ox = 0; ox < this.outputWidth; ox++) {
			int i = top + 6 * ox;
			int j = bottom + 6 * ox;
			int o = target + 3 * ox;
			out[o] = (byte) Math.min(Math.min(in[i] & 0xFF, in[i + 3] & 0xFF),
					Math.min(in[j] & 0xFF, in[j + 3] & 0xFF));
			out[o + 1] = (byte) Math.min(Math.min(in[i + 1] & 0xFF, in[i + 4] & 0xFF),
					Math.min(in[j + 1] & 0xFF, in[j + 4] & 0xFF));
			out[o + 2] = (byte) Math.min(Math.min(in[i + 2] & 0xFF, in[i + 5] & 0xFF),
					Math.min(in[j + 2] & 0xFF, in[j + 5] & 0xFF));
		}
	}

	private void minChannels(byte[] in, int top, int bottom, byte[] out, int target) {
		int c = this.channels;
		for (int channel = 0; channel < c; channel++) {
			int i = top + channel;
			int j = bottom + channel;
			int o = target + channel;
			for (int ox = 0; ox < this.outputWidth; ox++, i += 2 * c, j += 2 * c, o += c) {
				out[o] = (byte) Math.min(Math.min(in[i] & 0xFF, in[i + c] & 0xFF),
						Math.min(in[j] & 0xFF, in[j + c] & 0xFF));
			}
		}
	}

	private void averageRgb(byte[] in, int top, int bottom, byte[] out, int target) {
		for (int ox = 0; ox < this.outputWidth; ox++) {
			int i = top + 6 * ox;
			int j = bottom + 6 * ox;
			int o = target + 3 * ox;
			int red = (in[i] & 0xFF) + (in[i + 3] & 0xFF) + (in[j] & 0xFF) + (in[j + 3] & 0xFF);
			int green = (in[i + 1] & 0xFF) + (in[i + 4] & 0xFF) + (in[j + 1] & 0xFF) + (in[j + 4] & 0xFF);
			int blue = (in[i + 2] & 0xFF) + (in[i + 5] & 0xFF) + (in[j + 2] & 0xFF) + (in[j + 5] & 0xFF);
			out[o] = (byte) ((red + 1 + ((red >> 2) & 1)) >> 2);
			out[o + 1] = (byte) ((green + 1 + ((green >> 2) & 1)) >> 2);
			out[o + 2] = (byte) ((blue + 1 + ((blue >> 2) & 1)) >> 2);
		}
	}

	private void averageChannels(byte[] in, int top, int bottom, byte[] out, int target) {
		int c = this.channels;
		for (int channel = 0; channel < c; channel++) {
			int i = top + channel;
			int j = bottom + channel;
			int o = target + channel;
			for (int ox = 0; ox < this.outputWidth; ox++, i += 2 * c, j += 2 * c, o += c) {
				int sum = (in[i] & 0xFF) + (in[i + c] & 0xFF) + (in[j] & 0xFF) + (in[j + c] & 0xFF);
				out[o] = (byte) ((sum + 1 + ((sum >> 2) & 1)) >> 2);
			}
		}
	}

}
