package io.poolstream.pooling;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 max, min and avg of full 2×2 windows at stride 2, written with the incubating Vector
 * API, with the same float operations in the same order as {@link TensorKernel}'s scalar loop,
 * so results are identical to the bit.
 *
 * <p>Each step loads the top row at {@code x} and {@code x + 1} and the bottom row likewise, so
 * lane {@code i} contains the four taps of the window starting at column {@code x + i}, in
 * PyTorch's order. The lanes of even columns are the output values, and one shuffle packs them
 * into the low half of the vector, which is stored. Max keeps a tap when it is greater or NaN,
 * min when it is smaller or NaN, and avg sums from 0 and divides by the divisor.
 *
 * <p>Only {@link VectorKernels} loads this class, and only when the {@code jdk.incubator.vector}
 * module is in the boot layer.
 */
final class VectorPairRowKernel implements PairRowKernel {

	private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

	private static final VectorSpecies<Float> HALF_FLOATS = VectorSpecies.of(float.class,
			VectorShape.forBitSize(FLOATS.vectorBitSize() / 2));

	private static final VectorShuffle<Float> PACK_EVEN = VectorShuffle.fromOp(FLOATS,
			(lane) -> (lane < FLOATS.length() / 2) ? 2 * lane : 0);

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
	 * Returns whether the preferred vector has room for at least two windows.
	 */
	static boolean supports() {
		return FLOATS.length() >= 4;
	}

	@Override
	public int poolRow(float[] input, int top, int bottom, float[] output, int target, int count) {
		return switch (this.mode) {
			case MAX -> maxRow(input, top, bottom, output, target, count);
			case MIN -> minRow(input, top, bottom, output, target, count);
			default -> averageRow(input, top, bottom, output, target, count);
		};
	}

	private static int maxRow(float[] in, int top, int bottom, float[] out, int target, int count) {
		int lanes = FLOATS.length();
		int half = lanes / 2;
		int ox = 0;
		// The last load ends before column 2 * ox + 1 + lanes, which stays within the 2 * count columns.
		for (; 2 * ox + 1 + lanes <= 2 * count; ox += half) {
			int x = 2 * ox;
			FloatVector max = FloatVector.fromArray(FLOATS, in, top + x);
			max = keepGreater(max, FloatVector.fromArray(FLOATS, in, top + x + 1));
			max = keepGreater(max, FloatVector.fromArray(FLOATS, in, bottom + x));
			max = keepGreater(max, FloatVector.fromArray(FLOATS, in, bottom + x + 1));
			((FloatVector) max.rearrange(PACK_EVEN).reinterpretShape(HALF_FLOATS, 0)).intoArray(out, target + ox);
		}
		return ox;
	}

	private static FloatVector keepGreater(FloatVector max, FloatVector value) {
		VectorMask<Float> take = value.compare(VectorOperators.GT, max).or(value.compare(VectorOperators.NE, value));
		return max.blend(value, take);
	}

	private static int minRow(float[] in, int top, int bottom, float[] out, int target, int count) {
		int lanes = FLOATS.length();
		int half = lanes / 2;
		int ox = 0;
		for (; 2 * ox + 1 + lanes <= 2 * count; ox += half) {
			int x = 2 * ox;
			FloatVector min = FloatVector.fromArray(FLOATS, in, top + x);
			min = keepSmaller(min, FloatVector.fromArray(FLOATS, in, top + x + 1));
			min = keepSmaller(min, FloatVector.fromArray(FLOATS, in, bottom + x));
			min = keepSmaller(min, FloatVector.fromArray(FLOATS, in, bottom + x + 1));
			((FloatVector) min.rearrange(PACK_EVEN).reinterpretShape(HALF_FLOATS, 0)).intoArray(out, target + ox);
		}
		return ox;
	}

	private static FloatVector keepSmaller(FloatVector min, FloatVector value) {
		VectorMask<Float> take = value.compare(VectorOperators.LT, min).or(value.compare(VectorOperators.NE, value));
		return min.blend(value, take);
	}

	private int averageRow(float[] in, int top, int bottom, float[] out, int target, int count) {
		// Two loops, because C2 on JDK 17 boxes a vector that two branches of one loop produce.
		if (this.reciprocal != 0) {
			return scaleRow(in, top, bottom, out, target, count, this.reciprocal);
		}
		return divideRow(in, top, bottom, out, target, count, this.divisor);
	}

	private static int scaleRow(float[] in, int top, int bottom, float[] out, int target, int count, float scale) {
		int lanes = FLOATS.length();
		int half = lanes / 2;
		FloatVector zero = FloatVector.zero(FLOATS);
		int ox = 0;
		for (; 2 * ox + 1 + lanes <= 2 * count; ox += half) {
			int x = 2 * ox;
			FloatVector sum = zero.add(FloatVector.fromArray(FLOATS, in, top + x))
				.add(FloatVector.fromArray(FLOATS, in, top + x + 1))
				.add(FloatVector.fromArray(FLOATS, in, bottom + x))
				.add(FloatVector.fromArray(FLOATS, in, bottom + x + 1));
			FloatVector mean = sum.mul(scale);
			((FloatVector) mean.rearrange(PACK_EVEN).reinterpretShape(HALF_FLOATS, 0)).intoArray(out, target + ox);
		}
		return ox;
	}

	private static int divideRow(float[] in, int top, int bottom, float[] out, int target, int count, float divisor) {
		int lanes = FLOATS.length();
		int half = lanes / 2;
		FloatVector zero = FloatVector.zero(FLOATS);
		int ox = 0;
		for (; 2 * ox + 1 + lanes <= 2 * count; ox += half) {
			int x = 2 * ox;
			FloatVector sum = zero.add(FloatVector.fromArray(FLOATS, in, top + x))
				.add(FloatVector.fromArray(FLOATS, in, top + x + 1))
				.add(FloatVector.fromArray(FLOATS, in, bottom + x))
				.add(FloatVector.fromArray(FLOATS, in, bottom + x + 1));
			FloatVector mean = sum.div(divisor);
			((FloatVector) mean.rearrange(PACK_EVEN).reinterpretShape(HALF_FLOATS, 0)).intoArray(out, target + ox);
		}
		return ox;
	}

}
