package io.poolstream.pooling;

import java.nio.ByteOrder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max, min and avg pooling with a 2×2 or 3×3 window at stride 2, no padding and only full
 * windows, on interleaved 8-bit rasters, written with the incubating Vector API.
 *
 * <p>One output sample of channel {@code ch} at column {@code ox} and row {@code oy} reduces the
 * samples at columns {@code 2 ox + tx} and rows {@code 2 oy + ty}, for {@code tx, ty} in
 * {@code [0, k)}: the maximum, the minimum, or the sum divided by {@code k²} and rounded to the
 * nearest integer with ties to even, exactly as {@link TwoByTwoRasterKernel} and
 * {@link WindowRasterKernel} compute it.
 *
 * <p>Each vector step loads whole runs of samples at the window's tap offsets (unit stride, one
 * load per tap), so every lane contains the reduction of the window that starts at that lane's
 * sample. Only the lanes of even pixels are output samples, at most half the lanes, and one
 * shuffle packs them into the lower half of the vector, which is stored. Columns near the right
 * edge, where a full vector would read past the input row or a half vector would write past the
 * output row, take a scalar loop, so a call writes only inside its own output rows. The 2×2 avg
 * loop blends the windows of two spans into one vector first and stores all of it, and the 3×3
 * avg loop packs ints and stores a quarter-width byte vector.
 *
 * <p>Only {@link VectorKernels} loads this class, and only when the {@code jdk.incubator.vector}
 * module is in the boot layer. The loops are long and repetitive on purpose, because C2 turns a
 * vector expression into machine instructions only when its operators are constants.
 */
final class VectorRasterKernel implements RasterKernel {

	private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;

	private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;

	private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

	/**
	 * Byte vectors of half the width. A max or min step outputs at most half a vector of
	 * samples, so it stores the lower half of the packed vector, and a row's last step can end
	 * that much closer to the end of the output row.
	 */
	private static final VectorSpecies<Byte> HALF_BYTES = VectorSpecies.of(byte.class,
			VectorShape.forBitSize(BYTES.vectorBitSize() / 2));

	/** Byte vectors with one lane per int lane, loaded and widened for the 3×3 sums. */
	private static final VectorSpecies<Byte> BYTES_PER_INT = VectorSpecies.of(byte.class,
			VectorShape.forBitSize(INTS.vectorBitSize() / 4));

	/** The classes that restore exact vector types, see {@link VectorClasses}. */
	private static final Class<ByteVector> BYTE_VECTOR = VectorClasses.classOf(BYTES);

	private static final Class<ByteVector> HALF_BYTE_VECTOR = VectorClasses.classOf(HALF_BYTES);

	private static final Class<ShortVector> SHORT_VECTOR = VectorClasses.classOf(SHORTS);

	private static final Class<IntVector> INT_VECTOR = VectorClasses.classOf(INTS);

	private static final Class<ByteVector> BYTE_PER_INT_VECTOR = VectorClasses.classOf(BYTES_PER_INT);

	/** {@code round(s / 9)} for a sum {@code s <= 9 * 255} is {@code ((s + 4) * 7282) >>> 16}. */
	private static final int NINTHS_MULTIPLIER = 7282;

	private final PoolMode mode;

	private final int kernel;

	private final int channels;

	private final int inputRowLength;

	private final int outputRowLength;

	/** The XOR mask that orders samples as signed bytes for a signed max, 0x80 for max and 0x7F for min. */
	private final byte flip;

	private final VectorShuffle<Byte> packBytes;

	private final VectorShuffle<Integer> packInts;

	/** The 2×2 avg step's shuffle, which packs the output samples of two spans in one vector. */
	private final VectorShuffle<Byte> packSpans;

	/*
	 * Lane selections, from which each 2×2 avg call makes its masks. C2 of JDK 17.0.15 reloaded a
	 * VectorMask field at every step, because its boolean payload may alias the output bytes.
	 * Shuffles stay fields, because toShuffle() in the method ran the Java fallback in some JVMs.
	 */

	/** Nonzero in the short lanes of even samples that take the second span's sums. */
	private final short[] secondEven;

	/** Nonzero in the short lanes of odd samples that take the second span's sums. */
	private final short[] secondOdd;

	/** Input samples one vector step covers, a whole number of pixel pairs. */
	private final int byteSpan;

	private final int intSpan;

	/**
	 * Input offset in a row of the last vector step of the max and min loops, or -1 when the
	 * row is too short for one.
	 */
	private final int lastStart;

	/** Input offset in a row of the last step of the 2×2 avg loop, or -1. */
	private final int lastPairStart;


	VectorRasterKernel(PoolMode mode, int kernel, int inputWidth, int outputWidth, int channels) {
		this.mode = mode;
		this.kernel = kernel;
		this.channels = channels;
		this.inputRowLength = inputWidth * channels;
		this.outputRowLength = outputWidth * channels;
		this.flip = (byte) ((mode == PoolMode.MIN) ? 0x7F : 0x80);
		this.byteSpan = span(BYTES.length(), channels);
		this.intSpan = span(INTS.length(), channels);
		this.packBytes = VectorShuffle.fromArray(BYTES, packIndices(BYTES.length(), channels), 0);
		this.packInts = VectorShuffle.fromArray(INTS, packIndices(INTS.length(), channels), 0);
		// A step reads a vector at each of the k column taps and writes half a vector.
		this.lastStart = lastStepOffset(this.inputRowLength - (kernel - 1) * channels - BYTES.length(),
				this.outputRowLength - HALF_BYTES.length(), channels);
		this.packSpans = VectorShuffle.fromArray(BYTES, spanPairIndices(BYTES.length(), channels), 0);
		this.secondEven = new short[SHORTS.length()];
		this.secondOdd = new short[SHORTS.length()];
		for (int k = 0; k < SHORTS.length(); k++) {
			this.secondEven[k] = (short) (((2 * k) % (2 * channels) >= channels) ? 1 : 0);
			this.secondOdd[k] = (short) (((2 * k + 1) % (2 * channels) >= channels) ? 1 : 0);
		}
		// The 2×2 avg step reads up to byte byteSpan + lanes - 1 and writes a whole vector.
		this.lastPairStart = lastStepOffset(this.inputRowLength - this.byteSpan - BYTES.length(),
				this.outputRowLength - BYTES.length(), channels);
	}


	/**
	 * Returns the input offset of the last vector step of a row: the largest multiple of a pixel
	 * pair that is at most {@code lastInput} and at most twice {@code lastOutput}, or -1 when no
	 * step fits. The steps before it go by whole spans, so this one overlaps the one before and
	 * writes the same values again, but it leaves at most a pixel pair or so to the scalar loop.
	 */
	private static int lastStepOffset(int lastInput, int lastOutput, int channels) {
		int end = Math.min(lastInput, 2 * lastOutput);
		if (end < 0) {
			return -1;
		}
		return end - end % (2 * channels);
	}

	private static int span(int lanes, int channels) {
		return (lanes / (2 * channels)) * 2 * channels;
	}

	/**
	 * Returns the shuffle indices of the 2×2 avg step, which blends a first span at offset 0 and
	 * a second at {@code span - c}: output lane {@code j} takes the lane of channel {@code j % c}
	 * of pixel {@code 2 (j / c)}, counted in the first span while that pixel is in it, else in
	 * the second.
	 */
	private static int[] spanPairIndices(int lanes, int channels) {
		int span = span(lanes, channels);
		int[] indices = new int[lanes];
		for (int j = 0; j < span; j++) {
			int pair = j / channels;
			int lane = pair * 2 * channels + j % channels;
			indices[j] = (lane < span) ? lane : lane - (span - channels);
		}
		return indices;
	}

	/**
	 * Returns the shuffle indices that move the lanes of even pixels to the front: output lane
	 * {@code j} takes the lane of channel {@code j % c} of pixel {@code 2 (j / c)}.
	 */
	private static int[] packIndices(int lanes, int channels) {
		int[] indices = new int[lanes];
		int packed = span(lanes, channels) / 2;
		for (int j = 0; j < packed; j++) {
			indices[j] = (j / channels) * 2 * channels + j % channels;
		}
		return indices;
	}

	/**
	 * Returns whether this kernel computes exactly what the scalar kernels would, and whether
	 * one vector has room for at least one pixel pair.
	 */
	static boolean supports(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		int kernel = spec.kernelHeight();
		if (spec.adaptive() || kernel != spec.kernelWidth() || (kernel != 2 && kernel != 3)) {
			return false;
		}
		boolean reduction = spec.mode() == PoolMode.MAX || spec.mode() == PoolMode.MIN
				|| (spec.mode() == PoolMode.AVG
						&& (spec.divisorOverride() == 0 || spec.divisorOverride() == kernel * kernel));
		// The 2×2 avg loop reads the low byte of a short as the sample at the lower index.
		boolean littleEndian = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
		return reduction && littleEndian && span(INTS.length(), channels) > 0 && hasFullWindows(rows, kernel)
				&& hasFullWindows(columns, kernel);
	}

	private static boolean hasFullWindows(PoolAxis axis, int kernel) {
		if (axis.dilation != 1 || axis.padding != 0 || axis.stride != 2) {
			return false;
		}
		return axis.regularFrom == 0 && axis.regularTo == axis.outputSize;
	}

	@Override
	public void poolRows(byte[] input, byte[] output, int fromRow, int toRow) {
		if (this.mode == PoolMode.AVG && this.kernel == 2) {
			averageTwo(input, output, fromRow, toRow);
			return;
		}
		for (int oy = fromRow; oy < toRow; oy++) {
			int top = 2 * oy * this.inputRowLength;
			int target = oy * this.outputRowLength;
			int done;
			if (this.mode == PoolMode.AVG) {
				done = averageThree(input, top, output, target);
			}
			else {
				done = (this.kernel == 2) ? extremeTwo(input, top, output, target)
						: extremeThree(input, top, output, target);
			}
			poolScalar(input, top, output, target, done);
		}
	}

	/**
	 * Max or min of 2×2 windows, in signed bytes after the {@link #flip}. Returns the number of
	 * output samples written from the start of the row.
	 */
	private int extremeTwo(byte[] in, int top, byte[] out, int target) {
		ByteVector flip = ByteVector.broadcast(BYTES, this.flip);
		int c = this.channels;
		int bottom = top + this.inputRowLength;
		int lastStart = this.lastStart;
		if (lastStart < 0) {
			return 0;
		}
		for (int p = 0, o = 0;; p = Math.min(p + this.byteSpan, lastStart), o = p / 2) {
			ByteVector a = ByteVector.fromArray(BYTES, in, top + p).lanewise(VectorOperators.XOR, flip);
			ByteVector b = ByteVector.fromArray(BYTES, in, top + p + c).lanewise(VectorOperators.XOR, flip);
			ByteVector d = ByteVector.fromArray(BYTES, in, bottom + p).lanewise(VectorOperators.XOR, flip);
			ByteVector e = ByteVector.fromArray(BYTES, in, bottom + p + c).lanewise(VectorOperators.XOR, flip);
			ByteVector max = a.max(b).max(d.max(e));
			ByteVector packed = BYTE_VECTOR.cast(max.lanewise(VectorOperators.XOR, flip).rearrange(this.packBytes));
			HALF_BYTE_VECTOR.cast(packed.reinterpretShape(HALF_BYTES, 0)).intoArray(out, target + o);
			if (p == lastStart) {
				return o + this.byteSpan / 2;
			}
		}
	}

	private int extremeThree(byte[] in, int top, byte[] out, int target) {
		ByteVector flip = ByteVector.broadcast(BYTES, this.flip);
		int c = this.channels;
		int middle = top + this.inputRowLength;
		int bottom = middle + this.inputRowLength;
		int lastStart = this.lastStart;
		if (lastStart < 0) {
			return 0;
		}
		for (int p = 0, o = 0;; p = Math.min(p + this.byteSpan, lastStart), o = p / 2) {
			ByteVector a = ByteVector.fromArray(BYTES, in, top + p).lanewise(VectorOperators.XOR, flip)
				.max(ByteVector.fromArray(BYTES, in, middle + p).lanewise(VectorOperators.XOR, flip)
					.max(ByteVector.fromArray(BYTES, in, bottom + p).lanewise(VectorOperators.XOR, flip)));
			ByteVector b = ByteVector.fromArray(BYTES, in, top + p + c).lanewise(VectorOperators.XOR, flip)
				.max(ByteVector.fromArray(BYTES, in, middle + p + c).lanewise(VectorOperators.XOR, flip)
					.max(ByteVector.fromArray(BYTES, in, bottom + p + c).lanewise(VectorOperators.XOR, flip)));
			ByteVector d = ByteVector.fromArray(BYTES, in, top + p + 2 * c).lanewise(VectorOperators.XOR, flip)
				.max(ByteVector.fromArray(BYTES, in, middle + p + 2 * c).lanewise(VectorOperators.XOR, flip)
					.max(ByteVector.fromArray(BYTES, in, bottom + p + 2 * c).lanewise(VectorOperators.XOR, flip)));
			ByteVector max = a.max(b).max(d);
			ByteVector packed = BYTE_VECTOR.cast(max.lanewise(VectorOperators.XOR, flip).rearrange(this.packBytes));
			HALF_BYTE_VECTOR.cast(packed.reinterpretShape(HALF_BYTES, 0)).intoArray(out, target + o);
			if (p == lastStart) {
				return o + this.byteSpan / 2;
			}
		}
	}

	/**
	 * Avg of 2×2 windows. Each load of bytes is read as shorts, whose low and high bytes are the
	 * samples at even and odd positions, so two masks or shifts widen a whole vector of bytes.
	 * A step sums two spans, the second loaded {@code c} bytes short of its start, so that its
	 * windows of even pixels fall in the lanes where the first span has odd pixels. One blend
	 * keeps the output windows of both, and the sums are rounded once as
	 * {@code (s + 1 + ((s >> 2) & 1)) >> 2}, which is {@code s / 4} rounded with ties to even.
	 * The averages go back to their byte positions, and one byte shuffle packs a whole vector
	 * of output samples.
	 */
	private void averageTwo(byte[] in, byte[] out, int fromRow, int toRow) {
		int c = this.channels;
		int second = this.byteSpan - c;
		int lastStart = this.lastPairStart;
		// Vector operands, so each and and add inlines as one binary operation, not a broadcast and
		// one. With the scalar forms, every run of a harness that ran other kernels first allocated
		// 737 KB per 640x480 frame here.
		ShortVector lowByte = ShortVector.broadcast(SHORTS, (short) 0xFF);
		ShortVector ones = ShortVector.broadcast(SHORTS, (short) 1);
		// The masks are made once a call, not once a row. Made per row, C2 did not always remove
		// their boxes, and a harness measured 280 bytes allocated per row.
		VectorMask<Short> secondEven = ShortVector.fromArray(SHORTS, this.secondEven, 0).compare(VectorOperators.NE, 0);
		VectorMask<Short> secondOdd = ShortVector.fromArray(SHORTS, this.secondOdd, 0).compare(VectorOperators.NE, 0);
		for (int oy = fromRow; oy < toRow; oy++) {
			int top = 2 * oy * this.inputRowLength;
			int bottom = top + this.inputRowLength;
			int target = oy * this.outputRowLength;
			for (int p = 0, o = 0; lastStart >= 0; p = Math.min(p + 2 * this.byteSpan, lastStart), o = p / 2) {
				// NOTE: reinterpretAsShorts() and reinterpretAsBytes() ran the allocating Java fallback
				// under C2 of JDK 17.0.15 once other kernels had run in the JVM. They look their species
				// up at run time, and the intrinsic needs a constant one, which reinterpretShape takes.
				// Each load is added in as soon as it is read, so fewer vectors are live at once than
				// with all eight loaded first, and C2 spills fewer of them to the stack.
				ShortVector a = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, top + p).reinterpretShape(SHORTS, 0));
				ShortVector even = a.and(lowByte);
				ShortVector odd = a.lanewise(VectorOperators.LSHR, 8);
				a = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, top + p + c).reinterpretShape(SHORTS, 0));
				even = even.add(a.and(lowByte));
				odd = odd.add(a.lanewise(VectorOperators.LSHR, 8));
				a = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, bottom + p).reinterpretShape(SHORTS, 0));
				even = even.add(a.and(lowByte));
				odd = odd.add(a.lanewise(VectorOperators.LSHR, 8));
				a = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, bottom + p + c).reinterpretShape(SHORTS, 0));
				even = even.add(a.and(lowByte));
				odd = odd.add(a.lanewise(VectorOperators.LSHR, 8));
				ShortVector b = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, top + p + second).reinterpretShape(SHORTS, 0));
				ShortVector even2 = b.and(lowByte);
				ShortVector odd2 = b.lanewise(VectorOperators.LSHR, 8);
				b = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, top + p + second + c).reinterpretShape(SHORTS, 0));
				even2 = even2.add(b.and(lowByte));
				odd2 = odd2.add(b.lanewise(VectorOperators.LSHR, 8));
				b = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, bottom + p + second).reinterpretShape(SHORTS, 0));
				even2 = even2.add(b.and(lowByte));
				odd2 = odd2.add(b.lanewise(VectorOperators.LSHR, 8));
				b = SHORT_VECTOR.cast(ByteVector.fromArray(BYTES, in, bottom + p + second + c).reinterpretShape(SHORTS, 0));
				even2 = even2.add(b.and(lowByte));
				odd2 = odd2.add(b.lanewise(VectorOperators.LSHR, 8));
				even = even.blend(even2, secondEven);
				odd = odd.blend(odd2, secondOdd);
				ShortVector evenAverages = even.add(even.lanewise(VectorOperators.LSHR, 2).and(ones))
					.add(ones)
					.lanewise(VectorOperators.LSHR, 2);
				ShortVector oddAverages = odd.add(odd.lanewise(VectorOperators.LSHR, 2).and(ones))
					.add(ones)
					.lanewise(VectorOperators.LSHR, 2);
				ShortVector averages = SHORT_VECTOR.cast(evenAverages).or(SHORT_VECTOR.cast(oddAverages.lanewise(VectorOperators.LSHL, 8)));
				ByteVector bytes = BYTE_VECTOR.cast(averages.reinterpretShape(BYTES, 0));
				BYTE_VECTOR.cast(bytes.rearrange(this.packSpans)).intoArray(out, target + o);
				if (p == lastStart) {
					break;
				}
			}
		}
		// The scalar tails run after all rows. A call inside the row loop made C2 of JDK 17.0.15
		// keep the loop's constant vectors on the stack and reload them at every step. Moving it
		// out took 640x480 on an AVX-512 Xeon from 0.069-0.071 ms to 0.055-0.062 ms.
		int done = (lastStart < 0) ? 0 : lastStart / 2 + this.byteSpan;
		for (int oy = fromRow; oy < toRow; oy++) {
			poolScalar(in, 2 * oy * this.inputRowLength, out, oy * this.outputRowLength, done);
		}
	}

	/**
	 * Avg of 3×3 windows: sums in ints, then {@code round(s / 9)}. Nine is odd, so no sum is a
	 * tie and the rounded quotient is {@code floor((s + 4) / 9)}, computed by a multiply and a
	 * shift that are exact for every sum up to {@code 9 * 255}.
	 */
	private int averageThree(byte[] in, int top, byte[] out, int target) {
		int c = this.channels;
		int lanes = INTS.length();
		int middle = top + this.inputRowLength;
		int bottom = middle + this.inputRowLength;
		int lastInput = this.inputRowLength - 2 * c - lanes;
		int lastOutput = this.outputRowLength - lanes;
		IntVector four = IntVector.broadcast(INTS, 4);
		IntVector ninthsMultiplier = IntVector.broadcast(INTS, NINTHS_MULTIPLIER);
		IntVector lowByte = IntVector.broadcast(INTS, 0xFF);
		int p = 0;
		int o = 0;
		// NOTE: written with the overlapping last step of the other loops, this loop ran 25 to 65
		// times slower under C2 of JDK 17.0.15 (RasterPoolingBenchmark avg3s2), so it leaves up
		// to a whole span to the scalar loop.
		for (; p <= lastInput && o <= lastOutput; p += this.intSpan, o += this.intSpan / 2) {
			IntVector sum = widenToInts(in, top + p, lowByte).add(widenToInts(in, top + p + c, lowByte))
				.add(widenToInts(in, top + p + 2 * c, lowByte))
				.add(widenToInts(in, middle + p, lowByte))
				.add(widenToInts(in, middle + p + c, lowByte))
				.add(widenToInts(in, middle + p + 2 * c, lowByte))
				.add(widenToInts(in, bottom + p, lowByte))
				.add(widenToInts(in, bottom + p + c, lowByte))
				.add(widenToInts(in, bottom + p + 2 * c, lowByte));
			IntVector rounded = sum.add(four).mul(ninthsMultiplier).lanewise(VectorOperators.LSHR, 16);
			IntVector packed = INT_VECTOR.cast(rounded.rearrange(this.packInts));
			BYTE_PER_INT_VECTOR.cast(packed.convertShape(VectorOperators.I2B, BYTES_PER_INT, 0))
				.intoArray(out, target + o);
		}
		return o;
	}

	private static IntVector widenToInts(byte[] in, int offset, IntVector lowByte) {
		ByteVector samples = ByteVector.fromArray(BYTES_PER_INT, in, offset);
		return INT_VECTOR.cast(samples.convertShape(VectorOperators.B2I, INTS, 0)).and(lowByte);
	}

	/**
	 * Computes output samples {@code [from, outputRowLength)} of one row one at a time.
	 */
	private void poolScalar(byte[] in, int top, byte[] out, int target, int from) {
		int c = this.channels;
		int k = this.kernel;
		int channel = from % c;
		for (int j = from; j < this.outputRowLength; j++, channel = (channel + 1 == c) ? 0 : channel + 1) {
			// Sample j is channel j % c of output pixel j / c, whose window starts at input pixel 2 (j / c).
			int first = top + 2 * j - channel;
			int max = 0;
			int min = 255;
			int sum = 0;
			for (int ty = 0; ty < k; ty++) {
				for (int tx = 0; tx < k; tx++) {
					int sample = in[first + ty * this.inputRowLength + tx * c] & 0xFF;
					max = Math.max(max, sample);
					min = Math.min(min, sample);
					sum += sample;
				}
			}
			int value = switch (this.mode) {
				case MAX -> max;
				case MIN -> min;
				default -> (k == 2) ? (sum + 1 + ((sum >> 2) & 1)) >> 2 : ((sum + 4) * NINTHS_MULTIPLIER) >>> 16;
			};
			out[target + j] = (byte) value;
		}
	}

}
