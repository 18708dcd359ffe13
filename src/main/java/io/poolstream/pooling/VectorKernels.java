package io.poolstream.pooling;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Chooses at run time between the Vector API kernels and the scalar ones.
 *
 * <p>{@link VectorRasterKernel}, {@link VectorGradientKernel} and {@link VectorPairRowKernel} need the incubating {@code jdk.incubator.vector} module, which a
 * JVM resolves only when started with {@code --add-modules jdk.incubator.vector}. This class is
 * compiled without that module and reaches the vector kernels only through method handles, so a
 * JVM without the module never loads it and uses the scalar kernels, with one WARNING log line.
 * Setting the system property {@value #DISABLED_PROPERTY} to {@code true} also selects the scalar
 * kernels.
 */
final class VectorKernels {

	static final String DISABLED_PROPERTY = "poolstream.vector.disabled";

	private static final String MODULE = "jdk.incubator.vector";

	private static final String RASTER_KERNEL_CLASS = "io.poolstream.pooling.VectorRasterKernel";

	private static final String GRADIENT_KERNEL_CLASS = "io.poolstream.pooling.VectorGradientKernel";

	private static final String PAIR_ROW_KERNEL_CLASS = "io.poolstream.pooling.VectorPairRowKernel";

	/** A pair row kernel that pools nothing, leaving each whole row to the scalar loop. */
	static final PairRowKernel NO_PAIR_ROWS = (input, top, width, output, target, count, rows) -> 0;

	private static final System.Logger logger = System.getLogger(VectorKernels.class.getName());

	/** The kernels' {@code supports} methods and constructors, all null when the kernels are not in use. */
	private static final MethodHandle SUPPORTS;

	private static final MethodHandle CONSTRUCTOR;

	private static final MethodHandle GRADIENT_SUPPORTS;

	private static final MethodHandle GRADIENT_CONSTRUCTOR;

	private static final MethodHandle PAIR_ROWS_SUPPORTED;

	private static final MethodHandle PAIR_ROWS_CONSTRUCTOR;

	static {
		MethodHandle supports = null;
		MethodHandle constructor = null;
		MethodHandle gradientSupports = null;
		MethodHandle gradientConstructor = null;
		MethodHandle pairRowsSupported = null;
		MethodHandle pairRowsConstructor = null;
		if (Boolean.getBoolean(DISABLED_PROPERTY)) {
			logger.log(System.Logger.Level.INFO, "Vector API kernels are disabled by -D" + DISABLED_PROPERTY
					+ "=true, using the scalar kernels");
		}
		else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
			logger.log(System.Logger.Level.WARNING, "The " + MODULE + " module is not loaded, so pooling uses the"
					+ " slower scalar kernels; start the JVM with --add-modules " + MODULE + " to use SIMD");
		}
		else {
			try {
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				Class<?> kernel = Class.forName(RASTER_KERNEL_CLASS);
				supports = lookup.findStatic(kernel, "supports",
						MethodType.methodType(boolean.class, PoolSpec.class, PoolAxis.class, PoolAxis.class, int.class));
				constructor = lookup.findConstructor(kernel,
						MethodType.methodType(void.class, PoolMode.class, int.class, int.class, int.class, int.class));
				Class<?> gradient = Class.forName(GRADIENT_KERNEL_CLASS);
				gradientSupports = lookup.findStatic(gradient, "supports",
						MethodType.methodType(boolean.class, PoolSpec.class, PoolAxis.class, PoolAxis.class, int.class));
				gradientConstructor = lookup.findConstructor(gradient,
						MethodType.methodType(void.class, int.class, int.class, int.class, int.class));
				Class<?> pairRows = Class.forName(PAIR_ROW_KERNEL_CLASS);
				pairRowsSupported = lookup.findStatic(pairRows, "supports", MethodType.methodType(boolean.class));
				pairRowsConstructor = lookup.findConstructor(pairRows,
						MethodType.methodType(void.class, PoolMode.class, long.class));
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				logger.log(System.Logger.Level.WARNING, "Vector API kernels failed to load, using the scalar kernels", ex);
				supports = null;
				constructor = null;
				gradientSupports = null;
				gradientConstructor = null;
				pairRowsSupported = null;
				pairRowsConstructor = null;
			}
		}
		SUPPORTS = supports;
		CONSTRUCTOR = constructor;
		GRADIENT_SUPPORTS = gradientSupports;
		GRADIENT_CONSTRUCTOR = gradientConstructor;
		PAIR_ROWS_SUPPORTED = pairRowsSupported;
		PAIR_ROWS_CONSTRUCTOR = pairRowsConstructor;
	}


	private VectorKernels() {
	}


	/**
	 * Returns whether this JVM runs the Vector API kernels where they apply.
	 */
	static boolean available() {
		return CONSTRUCTOR != null;
	}

	/**
	 * Creates the vector kernel for this geometry, or returns empty when the kernels are not
	 * available or do not cover the spec.
	 */
	static Optional<RasterKernel> create(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		if (SUPPORTS == null || CONSTRUCTOR == null) {
			return Optional.empty();
		}
		try {
			if (!(boolean) SUPPORTS.invokeExact(spec, rows, columns, channels)) {
				return Optional.empty();
			}
			return Optional.of((RasterKernel) CONSTRUCTOR.invoke(spec.mode(), spec.kernelHeight(), columns.inputSize,
					columns.outputSize, channels));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("creating the vector kernel failed", ex);
		}
	}

	/**
	 * Creates the vector gradient kernel for this geometry, or returns empty when the kernels are
	 * not available or do not cover the spec.
	 */
	static Optional<RasterKernel> createGradient(PoolSpec spec, PoolAxis rows, PoolAxis columns, int channels) {
		if (GRADIENT_SUPPORTS == null || GRADIENT_CONSTRUCTOR == null) {
			return Optional.empty();
		}
		try {
			if (!(boolean) GRADIENT_SUPPORTS.invokeExact(spec, rows, columns, channels)) {
				return Optional.empty();
			}
			return Optional.of((RasterKernel) GRADIENT_CONSTRUCTOR.invoke(columns.inputSize, rows.inputSize,
					columns.outputSize, channels));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("creating the vector kernel failed", ex);
		}
	}

	/**
	 * Creates the vector kernel for float32 2×2 stride-2 rows with this mode and avg divisor, or
	 * returns {@link #NO_PAIR_ROWS} when the kernels are not available.
	 */
	static PairRowKernel pairRowKernel(PoolMode mode, long divisor) {
		if (PAIR_ROWS_SUPPORTED == null || PAIR_ROWS_CONSTRUCTOR == null) {
			return NO_PAIR_ROWS;
		}
		try {
			if (!(boolean) PAIR_ROWS_SUPPORTED.invokeExact()) {
				return NO_PAIR_ROWS;
			}
			return (PairRowKernel) PAIR_ROWS_CONSTRUCTOR.invoke(mode, divisor);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("creating the vector kernel failed", ex);
		}
	}

}
