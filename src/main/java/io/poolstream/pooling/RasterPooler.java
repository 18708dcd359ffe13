package io.poolstream.pooling;

import java.util.Objects;
import java.util.Optional;

/**
 * Pools 8-bit rasters of one size and channel count with one {@link PoolSpec}.
 *
 * <p>Build one per stream geometry and reuse it: {@link #of} validates the spec, computes the
 * output size and precomputes the window geometry. Channels are pooled independently. Each
 * output sample follows the mode's formula in {@link PoolSpec} and PyTorch's
 * {@code torch.nn.functional}, rounded to the nearest integer with ties to even and clamped to
 * 0..255 where the result is not already a sample value.
 *
 * <p>Thread safety: an instance is immutable. {@link #poolRows} may run concurrently for
 * disjoint output row ranges of the same output raster. Each call allocates only scratch rows
 * of about one output row, plus one {@link #allocateOutput() output raster} for {@link #pool}.
 */
public final class RasterPooler {

	private final PoolSpec spec;

	private final int inputWidth;

	private final int inputHeight;

	private final int channels;

	private final int outputWidth;

	private final int outputHeight;

	private final RasterKernel kernel;


	private RasterPooler(PoolSpec spec, int inputWidth, int inputHeight, int channels, boolean vectorKernels) {
		this.spec = spec;
		this.inputWidth = inputWidth;
		this.inputHeight = inputHeight;
		this.channels = channels;
		PoolAxis rows = PoolAxis.height(spec, inputHeight);
		PoolAxis columns = PoolAxis.width(spec, inputWidth);
		this.outputWidth = columns.outputSize;
		this.outputHeight = rows.outputSize;
		this.kernel = selectKernel(spec, rows, columns, channels, vectorKernels);
	}


	/**
	 * Creates a pooler for rasters of the given size.
	 * @throws InvalidPoolSpecException if the spec is invalid or no window fits the input
	 * @throws IllegalArgumentException if a size is not positive or channels is not 1 to 4
	 */
	public static RasterPooler of(PoolSpec spec, int inputWidth, int inputHeight, int channels) {
		return of(spec, inputWidth, inputHeight, channels, true);
	}

	/**
	 * Creates a pooler that uses the Vector API kernels only if {@code vectorKernels} is true and
	 * {@link VectorKernels#available()}, so that tests can run both kernel families in one JVM.
	 */
	static RasterPooler of(PoolSpec spec, int inputWidth, int inputHeight, int channels, boolean vectorKernels) {
		Objects.requireNonNull(spec, "spec");
		if (inputWidth < 1 || inputHeight < 1) {
			throw new IllegalArgumentException("input size must be positive, got " + inputWidth + "x" + inputHeight);
		}
		if (channels < 1 || channels > 4) {
			throw new IllegalArgumentException("channels must be 1 to 4, got " + channels);
		}
		spec.validate();

		return new RasterPooler(spec, inputWidth, inputHeight, channels, vectorKernels);
	}

	private static RasterKernel selectKernel(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels,
			boolean vectorKernels) {
		if (spec.mode() == PoolMode.GRADIENT) {
			Optional<RasterKernel> vector = vectorKernels ? VectorKernels.createGradient(spec, rows, columns, channels)
					: Optional.empty();
			return vector.orElseGet(() -> new GradientRasterKernel(spec, rows, columns, channels));
		}
		if (vectorKernels) {
			Optional<RasterKernel> vector = VectorKernels.create(spec, rows, columns, channels);
			if (vector.isPresent()) {
				return vector.get();
			}
		}
		if (TwoByTwoRasterKernel.supports(spec, rows, columns)) {
			return new TwoByTwoRasterKernel(spec.mode(), columns.inputSize, columns.outputSize, channels);
		}
		return new WindowRasterKernel(spec, rows, columns, channels);
	}


	/**
	 * Returns the simple name of the kernel class in use, for tests and logs.
	 */
	String kernelName() {
		return this.kernel.getClass().getSimpleName();
	}

	public PoolSpec spec() {
		return this.spec;
	}

	public int outputWidth() {
		return this.outputWidth;
	}

	public int outputHeight() {
		return this.outputHeight;
	}

	/**
	 * Allocates a zero-filled raster of the output size and the input's channel count.
	 */
	public Raster allocateOutput() {
		return Raster.allocate(this.outputWidth, this.outputHeight, this.channels);
	}

	/**
	 * Fills output rows {@code [fromRow, toRow)} on the calling thread. Calls for disjoint
	 * ranges may run concurrently on the same rasters; the input is only read.
	 * @throws IllegalArgumentException if a raster has the wrong size or channel count, or the
	 * range is not within {@code [0, outputHeight()]}
	 */
	public void poolRows(Raster input, Raster output, int fromRow, int toRow) {
		checkRaster("input", input, this.inputWidth, this.inputHeight);
		checkRaster("output", output, this.outputWidth, this.outputHeight);
		if (fromRow < 0 || fromRow > toRow || toRow > this.outputHeight) {
			throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow
					+ ") is not within the output height " + this.outputHeight);
		}

		this.kernel.poolRows(input.samples(), output.samples(), fromRow, toRow);
	}

	/**
	 * Pools the whole raster on the calling thread into a new raster.
	 * @throws IllegalArgumentException if the input has the wrong size or channel count
	 */
	public Raster pool(Raster input) {
		Raster output = allocateOutput();
		poolRows(input, output, 0, this.outputHeight);
		return output;
	}

	private void checkRaster(String role, Raster raster, int width, int height) {
		Objects.requireNonNull(raster, role);
		if (raster.width() != width || raster.height() != height || raster.channels() != this.channels) {
			throw new IllegalArgumentException(role + " raster must be " + width + "x" + height + "x"
					+ this.channels + " for this pooler, got " + raster.width() + "x" + raster.height() + "x"
					+ raster.channels());
		}
	}

	@Override
	public String toString() {
		return "RasterPooler[" + this.spec.describe() + ", " + this.inputWidth + "x" + this.inputHeight + "x"
				+ this.channels + " → " + this.outputWidth + "x" + this.outputHeight + "]";
	}

}
