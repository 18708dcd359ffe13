package io.poolstream.pooling;

import java.util.Arrays;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Gradient pooling with 2×2 windows at stride 2 and only full windows, written with the
 * incubating Vector API: the per-channel Sobel magnitude of {@link SobelRows}, then max pooling,
 * computing exactly what {@link GradientRasterKernel} computes.
 *
 * <p>One output sample is {@code min(255, round(sqrt(m)))}, where {@code m} is the largest
 * squared magnitude {@code gx² + gy²} of the window's four samples. For each input row the
 * kernel computes the horizontal terms of {@link SobelRows} with whole-vector loads at the
 * offsets of the left and right neighbours, keeping the rows that the next output row reuses.
 * The samples of the first and last pixel, where the border is replicated, take a scalar loop.
 * For each output row it then combines the terms of four input rows into the larger squared
 * magnitude of rows {@code 2 oy} and {@code 2 oy + 1}, and takes the larger of each pixel pair
 * and its rounded root one sample at a time.
 *
 * <p>Only {@link VectorKernels} loads this class, and only when the {@code jdk.incubator.vector}
 * module is in the boot layer. Each thread keeps eleven scratch rows of ints, so a call allocates
 * nothing unless its rows are longer than any its thread pooled before.
 */
final class VectorGradientKernel implements RasterKernel {

	private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

	/** Byte vectors with one lane per int lane, loaded and widened to ints. */
	private static final VectorSpecies<Byte> BYTES_PER_INT = VectorSpecies.of(byte.class,
			VectorShape.forBitSize(INTS.vectorBitSize() / 4));

	/** Input rows whose horizontal terms are kept: the four of one output row plus one to fill. */
	private static final int SLOTS = 5;

	/**
	 * Each thread's scratch rows, shared by every kernel on that thread because the pipeline
	 * builds a kernel per frame. They grow to the longest row the thread has pooled.
	 */
	private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

	private final int width;

	private final int height;

	private final int channels;

	private final int rowLength;

	private final int outputRowLength;



	VectorGradientKernel(int inputWidth, int inputHeight, int outputWidth, int channels) {
		this.width = inputWidth;
		this.height = inputHeight;
		this.channels = channels;
		this.rowLength = inputWidth * channels;
		this.outputRowLength = outputWidth * channels;
	}


	/**
	 * Returns whether this kernel computes exactly what {@link GradientRasterKernel} would.
	 */
	static boolean supports(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		return spec.mode() == PoolMode.GRADIENT && !spec.adaptive() && rows.tilesWithoutPadding(2)
				&& columns.tilesWithoutPadding(2);
	}

	@Override
	public void poolRows(byte[] input, byte[] output, int fromRow, int toRow) {
		Scratch scratch = SCRATCH.get();
		if (scratch == null || scratch.squares.length < this.rowLength) {
			scratch = new Scratch(this.rowLength);
			SCRATCH.set(scratch);
		}
		int[][] differences = scratch.differences;
		int[][] smoothings = scratch.smoothings;
		int[] slotRow = scratch.slotRow;
		Arrays.fill(slotRow, -1);
		int[] squares = scratch.squares;
		int[] slots = scratch.slots;
		int[] rows = scratch.rows;
		for (int oy = fromRow; oy < toRow; oy++) {
			int y = 2 * oy;
			rows[0] = Math.max(y - 1, 0);
			rows[1] = y;
			rows[2] = y + 1;
			rows[3] = Math.min(y + 2, this.height - 1);
			for (int r = 0; r < 4; r++) {
				slots[r] = slotOf(rows[r], rows, slotRow, input, differences, smoothings);
			}
			combineRows(differences[slots[0]], smoothings[slots[0]], differences[slots[1]], smoothings[slots[1]],
					differences[slots[2]], smoothings[slots[2]], differences[slots[3]], smoothings[slots[3]], squares);
			poolSquares(squares, output, oy * this.outputRowLength);
		}
	}

	/**
	 * Returns the slot that contains the horizontal terms of input row {@code y}, computing them
	 * into a slot whose row is not in {@code rows} when they are missing.
	 */
	private int slotOf(int y, int[] rows, int[] slotRow, byte[] input, int[][] differences, int[][] smoothings) {
		int free = -1;
		for (int slot = 0; slot < SLOTS; slot++) {
			if (slotRow[slot] == y) {
				return slot;
			}
			int row = slotRow[slot];
			if (free < 0 && row != rows[0] && row != rows[1] && row != rows[2] && row != rows[3]) {
				free = slot;
			}
		}
		computeTerms(input, y * this.rowLength, differences[free], smoothings[free]);
		slotRow[free] = y;
		return free;
	}

	/**
	 * Writes the horizontal difference {@code d = I[x+1] - I[x-1]} and smoothing
	 * {@code s = I[x-1] + 2 I[x] + I[x+1]} of one input row, x counted in pixels, replicating the
	 * first and last pixel.
	 */
	private void computeTerms(byte[] in, int start, int[] difference, int[] smoothing) {
		int c = this.channels;
		int lanes = INTS.length();
		int i = c;
		int end = this.rowLength - c - lanes;
		for (; i <= end; i += lanes) {
			IntVector left = widen(in, start + i - c);
			IntVector right = widen(in, start + i + c);
			IntVector center = widen(in, start + i);
			right.sub(left).intoArray(difference, i);
			left.add(right).add(center).add(center).intoArray(smoothing, i);
		}
		computeTermsScalar(in, start, difference, smoothing, 0, c);
		computeTermsScalar(in, start, difference, smoothing, i, this.rowLength);
	}

	private static IntVector widen(byte[] in, int offset) {
		return ((IntVector) ByteVector.fromArray(BYTES_PER_INT, in, offset)
			.convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
	}

	private void computeTermsScalar(byte[] in, int start, int[] difference, int[] smoothing, int from, int to) {
		int c = this.channels;
		for (int i = from; i < to; i++) {
			int x = i / c;
			int left = in[start + ((x == 0) ? i : i - c)] & 0xFF;
			int right = in[start + ((x == this.width - 1) ? i : i + c)] & 0xFF;
			difference[i] = right - left;
			smoothing[i] = left + 2 * (in[start + i] & 0xFF) + right;
		}
	}

	/**
	 * Writes, per sample, the larger squared magnitude of the two middle rows of four, whose
	 * horizontal terms are given top to bottom.
	 */
	private void combineRows(int[] d0, int[] s0, int[] d1, int[] s1, int[] d2, int[] s2, int[] d3, int[] s3,
			int[] squares) {
		int lanes = INTS.length();
		int i = 0;
		int end = this.rowLength - lanes;
		for (; i <= end; i += lanes) {
			IntVector difference1 = IntVector.fromArray(INTS, d1, i);
			IntVector difference2 = IntVector.fromArray(INTS, d2, i);
			IntVector gxUpper = IntVector.fromArray(INTS, d0, i).add(difference1).add(difference1).add(difference2);
			IntVector gyUpper = IntVector.fromArray(INTS, s2, i).sub(IntVector.fromArray(INTS, s0, i));
			IntVector gxLower = difference1.add(difference2).add(difference2).add(IntVector.fromArray(INTS, d3, i));
			IntVector gyLower = IntVector.fromArray(INTS, s3, i).sub(IntVector.fromArray(INTS, s1, i));
			IntVector upper = gxUpper.mul(gxUpper).add(gyUpper.mul(gyUpper));
			IntVector lower = gxLower.mul(gxLower).add(gyLower.mul(gyLower));
			upper.max(lower).intoArray(squares, i);
		}
		for (; i < this.rowLength; i++) {
			int gxUpper = d0[i] + 2 * d1[i] + d2[i];
			int gyUpper = s2[i] - s0[i];
			int gxLower = d1[i] + 2 * d2[i] + d3[i];
			int gyLower = s3[i] - s1[i];
			squares[i] = Math.max(gxUpper * gxUpper + gyUpper * gyUpper, gxLower * gxLower + gyLower * gyLower);
		}
	}

	/**
	 * Writes one output row: the rounded root of the larger square of each pixel pair.
	 */
	private void poolSquares(int[] squares, byte[] out, int target) {
		// NOTE: a float32 square root in vector lanes ran several times slower than this table
		// lookup on JDK 17, where C2 did not turn it into vector instructions.
		// Pixel by pixel, so no output sample needs an integer division to find its input column.
		int c = this.channels;
		int o = target;
		int end = target + this.outputRowLength;
		// RGB and gray are written out, so their loops have no inner loop over the channels. At
		// 640x480 RGB that took the whole kernel from 1.01 to 0.69 ms a frame.
		if (c == 3) {
			for (int first = 0; o < end; first += 6, o += 3) {
				out[o] = (byte) GradientRasterKernel.roundedRoot(Math.max(squares[first], squares[first + 3]));
				out[o + 1] = (byte) GradientRasterKernel.roundedRoot(Math.max(squares[first + 1], squares[first + 4]));
				out[o + 2] = (byte) GradientRasterKernel.roundedRoot(Math.max(squares[first + 2], squares[first + 5]));
			}
			return;
		}
		if (c == 1) {
			for (int first = 0; o < end; first += 2, o++) {
				out[o] = (byte) GradientRasterKernel.roundedRoot(Math.max(squares[first], squares[first + 1]));
			}
			return;
		}
		for (int first = 0; first + c < this.rowLength && o < end; first += 2 * c) {
			for (int ch = 0; ch < c; ch++) {
				out[o++] = (byte) GradientRasterKernel.roundedRoot(Math.max(squares[first + ch], squares[first + c + ch]));
			}
		}
	}


	/**
	 * Scratch rows of one thread: the horizontal terms of {@link #SLOTS} input rows, the input
	 * row in each slot, and the squared magnitudes of one output row.
	 */
	private static final class Scratch {

		final int[][] differences;

		final int[][] smoothings;

		final int[] slotRow = new int[SLOTS];

		final int[] squares;

		final int[] slots = new int[4];

		final int[] rows = new int[4];


		Scratch(int rowLength) {
			this.differences = new int[SLOTS][rowLength];
			this.smoothings = new int[SLOTS][rowLength];
			this.squares = new int[rowLength];
		}

	}

}
