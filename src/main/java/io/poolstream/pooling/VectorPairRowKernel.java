package io.poolstream.pooling;

import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 max, min and avg of full 2×2 windows at stride 2, written with the incubating Vector
 * API, with the same float operations in the same order as {@link TensorKernel}'s scalar loop,
 * so results are identical to the bit.
 *
 * <p>Each step loads one vector of the top row and one of the bottom row, each input value once.
 * It reads the floats as longs, each the pair of columns {@code 2i} and {@code 2i + 1}, and
 * narrows the longs to ints, keeping the low halves (the left taps), or shifts them right by 32
 * bits first (the right taps). So lane {@code i} of the four half-width tap vectors contains the
 * window of output {@code i}, in PyTorch's order, and the result is stored without a shuffle.
 * Avg narrows once instead of four times: it shifts each long right by 32 bits, so the right tap
 * moves onto the left one, sums at full width, and narrows the sums, whose lanes at even columns
 * contain the windows. The low half of a long is the float at the lower index only in
 * little-endian lane order, as on x86 and AArch64, which {@link #supports()} checks. Max keeps a
 * tap when it is greater or NaN, min when it is smaller or NaN, and avg sums from 0 in PyTorch's
 * order and divides by the divisor.
 *
 * <p>Only {@link VectorKernels} loads this class, and only when the {@code jdk.incubator.vector}
 * module is in the boot layer.
 */
final class VectorPairRowKernel implements PairRowKernel {

	private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

	private static final VectorSpecies<Float> HALF_FLOATS = VectorSpecies.of(float.class,
			VectorShape.forBitSize(FLOATS.vectorBitSize() / 2));

	private static final Class<FloatVector> FLOAT_VECTOR = VectorClasses.classOf(FLOATS);

	private static final VectorSpecies<Integer> HALF_INTS = VectorSpecies.of(int.class, HALF_FLOATS.vectorShape());


	private final PoolMode mode;

	private final float divisor;

	/** {@code 1 / divisor} when the divisor is a power of two, else 0. */
	private final float reciprocal;


	VectorPairRowKernel(PoolMode mode, long divisor) {
		this.mode = mode;
		this.divisor = divisor;
		// Dividing by a power of two and multiplying by its reciprocal round the same exact
		// quotient, so both give the same float, and a vector multiply costs far less than a
		// vector divide on x86.
		this.reciprocal = (divisor > 0 && Long.bitCount(divisor) == 1) ? 1.0f / divisor : 0;
	}


	/**
	 * Returns whether the preferred vector has room for at least two windows and the platform
	 * orders lanes little-endian.
	 */
	static boolean supports() {
		return FLOATS.length() >= 4 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
	}

	@Override
	public int poolRows(float[] input, int top, int width, float[] output, int target, int count, int rows) {
		return switch (this.mode) {
			case MAX -> maxRows(input, top, width, output, target, count, rows);
			case MIN -> minRows(input, top, width, output, target, count, rows);
			default -> averageRows(input, top, width, output, target, count, rows);
		};
	}

	private static int maxRows(float[] in, int first, int width, float[] out, int firstTarget, int count,
			int rows) {
		int half = HALF_FLOATS.length();
		// A step reads columns [2 ox, 2 ox + 2 half), all within the 2 * count columns. The loop
		// counts up to a precomputed bound by a constant stride, so C2 removes the index checks
		// of its loads and stores.
		int end = count - half;
		for (int row = 0; row < rows; row++) {
			int top = first + 2 * row * width;
			int bottom = top + width;
			int target = firstTarget + row * count;
			for (int ox = 0; ox <= end; ox += half) {
				int x = 2 * ox;
				LongVector topPairs = FloatVector.fromArray(FLOATS, in, top + x).reinterpretAsLongs();
				LongVector bottomPairs = FloatVector.fromArray(FLOATS, in, bottom + x).reinterpretAsLongs();
				FloatVector max = leftTaps(topPairs);
				max = keepGreater(max, rightTaps(topPairs));
				max = keepGreater(max, leftTaps(bottomPairs));
				max = keepGreater(max, rightTaps(bottomPairs));
				max.intoArray(out, target + ox);
			}
		}
		return count - count % half;
	}

	private static FloatVector keepGreater(FloatVector max, FloatVector value) {
		VectorMask<Float> take = value.compare(VectorOperators.GT, max).or(value.compare(VectorOperators.NE, value));
		return max.blend(value, take);
	}

	private static int minRows(float[] in, int first, int width, float[] out, int firstTarget, int count,
			int rows) {
		int half = HALF_FLOATS.length();
		int end = count - half;
		for (int row = 0; row < rows; row++) {
			int top = first + 2 * row * width;
			int bottom = top + width;
			int target = firstTarget + row * count;
			for (int ox = 0; ox <= end; ox += half) {
				int x = 2 * ox;
				LongVector topPairs = FloatVector.fromArray(FLOATS, in, top + x).reinterpretAsLongs();
				LongVector bottomPairs = FloatVector.fromArray(FLOATS, in, bottom + x).reinterpretAsLongs();
				FloatVector min = leftTaps(topPairs);
				min = keepSmaller(min, rightTaps(topPairs));
				min = keepSmaller(min, leftTaps(bottomPairs));
				min = keepSmaller(min, rightTaps(bottomPairs));
				min.intoArray(out, target + ox);
			}
		}
		return count - count % half;
	}

	private static FloatVector keepSmaller(FloatVector min, FloatVector value) {
		VectorMask<Float> take = value.compare(VectorOperators.LT, min).or(value.compare(VectorOperators.NE, value));
		return min.blend(value, take);
	}

	private int averageRows(float[] in, int first, int width, float[] out, int firstTarget, int count, int rows) {
		// Two loops, because C2 on JDK 17 boxes a vector that two branches of one loop produce.
		if (this.reciprocal != 0) {
			// Two output rows a step were faster with 256-bit vectors on a Zen 3 and slower with
			// 512-bit vectors on an AVX-512 Xeon (timings in docs/benchmarks.md).
			if (FLOATS.length() >= 16) {
				return scaleRows(in, first, width, out, firstTarget, count, rows, this.reciprocal);
			}
			return scaleRowPairs(in, first, width, out, firstTarget, count, rows, this.reciprocal);
		}
		return divideRows(in, first, width, out, firstTarget, count, rows, this.divisor);
	}

	private static int scaleRows(float[] in, int first, int width, float[] out, int firstTarget, int count,
			int rows, float scale) {
		int half = HALF_FLOATS.length();
		FloatVector zero = FloatVector.zero(FLOATS);
		int end = count - half;
		for (int row = 0; row < rows; row++) {
			int top = first + 2 * row * width;
			int bottom = top + width;
			int target = firstTarget + row * count;
			for (int ox = 0; ox <= end; ox += half) {
				int x = 2 * ox;
				FloatVector topPairs = FloatVector.fromArray(FLOATS, in, top + x);
				FloatVector bottomPairs = FloatVector.fromArray(FLOATS, in, bottom + x);
				FloatVector sum = zero.add(topPairs)
					.add(rightTapsInPlace(topPairs))
					.add(bottomPairs)
					.add(rightTapsInPlace(bottomPairs));
				leftTaps(sum.mul(scale).reinterpretAsLongs()).intoArray(out, target + ox);
			}
		}
		return count - count % half;
	}

	private static int scaleRowPairs(float[] in, int first, int width, float[] out, int firstTarget, int count,
			int rows, float scale) {
		int half = HALF_FLOATS.length();
		FloatVector zero = FloatVector.zero(FLOATS);
		// A step reads columns [2 ox, 2 ox + 2 half), within the row, of two output rows. With
		// an odd number of rows, the last step pools the last row twice.
		int end = count - half;
		for (int row = 0; row < rows; row += 2) {
			int top = first + 2 * row * width;
			int nextTop = (row + 1 < rows) ? top + 2 * width : top;
			int target = firstTarget + row * count;
			int nextTarget = (row + 1 < rows) ? target + count : target;
			for (int ox = 0; ox <= end; ox += half) {
				int x = 2 * ox;
				FloatVector topPairs = FloatVector.fromArray(FLOATS, in, top + x);
				FloatVector bottomPairs = FloatVector.fromArray(FLOATS, in, top + width + x);
				FloatVector nextTopPairs = FloatVector.fromArray(FLOATS, in, nextTop + x);
				FloatVector nextBottomPairs = FloatVector.fromArray(FLOATS, in, nextTop + width + x);
				FloatVector sum = zero.add(topPairs)
					.add(rightTapsInPlace(topPairs))
					.add(bottomPairs)
					.add(rightTapsInPlace(bottomPairs));
				FloatVector nextSum = zero.add(nextTopPairs)
					.add(rightTapsInPlace(nextTopPairs))
					.add(nextBottomPairs)
					.add(rightTapsInPlace(nextBottomPairs));
				leftTaps(sum.mul(scale).reinterpretAsLongs()).intoArray(out, target + ox);
				leftTaps(nextSum.mul(scale).reinterpretAsLongs()).intoArray(out, nextTarget + ox);
			}
		}
		return count - count % half;
	}

	/**
	 * Returns the floats at odd columns moved to the even columns before them, with zeros in
	 * the odd columns: {@code [b, 0, d, 0, ...]} for {@code [a, b, c, d, ...]}.
	 */
	private static FloatVector rightTapsInPlace(FloatVector pairs) {
		return FLOAT_VECTOR.cast(pairs.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).reinterpretAsFloats());
	}

	private static int divideRows(float[] in, int first, int width, float[] out, int firstTarget, int count,
			int rows, float divisor) {
		int half = HALF_FLOATS.length();
		FloatVector zero = FloatVector.zero(FLOATS);
		int end = count - half;
		for (int row = 0; row < rows; row++) {
			int top = first + 2 * row * width;
			int bottom = top + width;
			int target = firstTarget + row * count;
			for (int ox = 0; ox <= end; ox += half) {
				int x = 2 * ox;
				FloatVector topPairs = FloatVector.fromArray(FLOATS, in, top + x);
				FloatVector bottomPairs = FloatVector.fromArray(FLOATS, in, bottom + x);
				FloatVector sum = zero.add(topPairs)
					.add(rightTapsInPlace(topPairs))
					.add(bottomPairs)
					.add(rightTapsInPlace(bottomPairs));
				// Narrowed first, the divide takes half-width vectors.
				leftTaps(sum.reinterpretAsLongs()).div(divisor).intoArray(out, target + ox);
			}
		}
		return count - count % half;
	}

	/**
	 * Returns the floats at even columns of column pairs read as longs.
	 */
	private static FloatVector leftTaps(LongVector pairs) {
		return ((IntVector) pairs.convertShape(VectorOperators.L2I, HALF_INTS, 0)).reinterpretAsFloats();
	}

	/**
	 * Returns the floats at odd columns of column pairs read as longs.
	 */
	private static FloatVector rightTaps(LongVector pairs) {
		return leftTaps(pairs.lanewise(VectorOperators.LSHR, 32));
	}

}
