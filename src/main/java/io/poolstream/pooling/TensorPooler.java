package io.poolstream.pooling;

import java.util.Arrays;
import java.util.Objects;

/**
 * Pools float32 tensors of one shape with one {@link PoolSpec}, as PyTorch's
 * {@code torch.nn.functional} does in float32 on the CPU (see {@link TensorKernel} for the
 * formula of each mode).
 *
 * <p>Each {@code height × width} plane of a {@code (H, W)}, {@code (C, H, W)} or
 * {@code (N, C, H, W)} tensor is pooled independently. Work is split in output rows counted
 * across planes, {@code plane * outputHeight + oy}, so a band may cover parts of several
 * planes.
 *
 * <p>Thread safety: an instance is immutable. {@link #poolRows} may run concurrently for
 * disjoint row ranges of the same output tensor.
 */
public final class TensorPooler {

	private final PoolSpec spec;

	private final int[] inputShape;

	private final int[] outputShape;

	private final int outputRows;

	private final TensorKernel kernel;


	private TensorPooler(PoolSpec spec, int[] inputShape, boolean vectorKernels) {
		this.spec = spec;
		this.inputShape = inputShape;
		int rank = inputShape.length;
		PoolAxis rows = PoolAxis.height(spec, inputShape[rank - 2]);
		PoolAxis columns = PoolAxis.width(spec, inputShape[rank - 1]);
		this.outputShape = inputShape.clone();
		this.outputShape[rank - 2] = rows.outputSize;
		this.outputShape[rank - 1] = columns.outputSize;
		long planes = Tensor.elementCount(inputShape) / ((long) inputShape[rank - 2] * inputShape[rank - 1]);
		long outputRowCount = planes * rows.outputSize;
		if (outputRowCount * columns.outputSize > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("output shape " + Arrays.toString(this.outputShape)
					+ " has more elements than a Java array holds");
		}
		this.outputRows = (int) outputRowCount;
		this.kernel = new TensorKernel(spec, rows, columns, vectorKernels);
	}


	/**
	 * Creates a pooler for tensors of the given shape.
	 * @throws InvalidPoolSpecException if the spec is invalid or no window fits the input
	 * @throws IllegalArgumentException if the shape is not a valid rank-2 to rank-4 shape
	 */
	public static TensorPooler of(PoolSpec spec, int[] inputShape) {
		return of(spec, inputShape, true);
	}

	/**
	 * Creates a pooler that uses the Vector API kernels only if {@code vectorKernels} is true and
	 * {@link VectorKernels#available()}, so that tests can run both kernel families in one JVM.
	 */
	static TensorPooler of(PoolSpec spec, int[] inputShape, boolean vectorKernels) {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(inputShape, "inputShape");
		int[] shape = inputShape.clone();
		if (Tensor.elementCount(shape) > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("input shape " + Arrays.toString(shape)
					+ " has more elements than a Java array holds");
		}
		spec.validate();

		return new TensorPooler(spec, shape, vectorKernels);
	}


	public PoolSpec spec() {
		return this.spec;
	}

	/**
	 * Returns a copy of the output shape: the input shape with the last two dimensions replaced
	 * by the output height and width.
	 */
	public int[] outputShape() {
		return this.outputShape.clone();
	}

	/**
	 * Returns {@code planes * outputHeight}, the number of output rows to split into bands.
	 */
	public int outputRows() {
		return this.outputRows;
	}

	/**
	 * Allocates a zero-filled tensor of the output shape.
	 */
	public Tensor allocateOutput() {
		return Tensor.allocate(this.outputShape);
	}

	/**
	 * Fills output rows {@code [fromRow, toRow)}, counted across planes, on the calling thread.
	 * @throws IllegalArgumentException if a tensor has the wrong shape or the range is not
	 * within {@code [0, outputRows()]}
	 */
	public void poolRows(Tensor input, Tensor output, int fromRow, int toRow) {
		checkShape("input", input, this.inputShape);
		checkShape("output", output, this.outputShape);
		if (fromRow < 0 || fromRow > toRow || toRow > this.outputRows) {
			throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow
					+ ") is not within the " + this.outputRows + " output rows");
		}

		this.kernel.poolRows(input.data(), output.data(), fromRow, toRow);
	}

	/**
	 * Pools the whole tensor on the calling thread into a new tensor.
	 * @throws IllegalArgumentException if the input has the wrong shape
	 */
	public Tensor pool(Tensor input) {
		Tensor output = allocateOutput();
		poolRows(input, output, 0, this.outputRows);
		return output;
	}

	private static void checkShape(String role, Tensor tensor, int[] expected) {
		Objects.requireNonNull(tensor, role);
		if (!Arrays.equals(tensor.shape(), expected)) {
			throw new IllegalArgumentException(role + " tensor must have shape " + Arrays.toString(expected)
					+ " for this pooler, got " + Arrays.toString(tensor.shape()));
		}
	}

	@Override
	public String toString() {
		return "TensorPooler[" + this.spec.describe() + ", " + Arrays.toString(this.inputShape) + " → "
				+ Arrays.toString(this.outputShape) + "]";
	}

}
