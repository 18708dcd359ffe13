package io.poolstream.pooling;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Random;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the 8-bit and float32 Vector API kernels stay compiled to vector instructions
 * after other kernels have run in the same JVM. A server that pools many streams with different
 * settings runs them that way.
 *
 * <p>Compiled to vector instructions, a kernel allocates nothing per call. When an intrinsic
 * fails, each vector step runs the Java fallback and allocates a vector: before the casts of
 * {@link VectorClasses}, max 3×3 allocated about 0.9 MB per 640x480 frame here once the 2×2 avg
 * kernel had run, and its time per frame rose several times.
 */
class VectorKernelProfileTests {

	private static final int WIDTH = 640;

	private static final int HEIGHT = 480;

	/** Allocation per call that a compiled kernel stays under: a few small objects, no vectors. */
	private static final long COMPILED_BYTES_PER_CALL = 1024;

	private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);


	@Test
	void extremeKernelsStayCompiledAfterOthers() {
		Raster input = randomRaster(7);
		for (PoolSpec other : new PoolSpec[] { spec(PoolMode.AVG, 2), spec(PoolMode.AVG, 3),
				PoolSpec.of(PoolMode.GRADIENT, 2) }) {
			RasterPooler pooler = RasterPooler.of(other, WIDTH, HEIGHT, 3, true);
			Raster output = pooler.allocateOutput();
			runFor(Duration.ofMillis(1500), () -> pooler.poolRows(input, output, 0, pooler.outputHeight()));
		}

		for (PoolSpec spec : new PoolSpec[] { spec(PoolMode.MAX, 2), spec(PoolMode.MAX, 3), spec(PoolMode.MIN, 3) }) {
			RasterPooler pooler = RasterPooler.of(spec, WIDTH, HEIGHT, 3, true);
			assertThat(pooler.kernelName()).isEqualTo("VectorRasterKernel");
			Raster output = pooler.allocateOutput();

			long bytesPerCall = steadyAllocation(() -> pooler.poolRows(input, output, 0, pooler.outputHeight()));

			assertThat(bytesPerCall).as("bytes allocated per call of %s once compiled", spec.describe())
				.isLessThan(COMPILED_BYTES_PER_CALL);
		}
	}

	@Test
	void averageKernelStaysCompiledAfterOthers() {
		Raster input = randomRaster(11);
		for (PoolSpec other : new PoolSpec[] { spec(PoolMode.AVG, 3), PoolSpec.of(PoolMode.GRADIENT, 2),
				spec(PoolMode.MAX, 3), spec(PoolMode.MAX, 2), spec(PoolMode.MIN, 3) }) {
			RasterPooler pooler = RasterPooler.of(other, WIDTH, HEIGHT, 3, true);
			Raster output = pooler.allocateOutput();
			runFor(Duration.ofMillis(1500), () -> pooler.poolRows(input, output, 0, pooler.outputHeight()));
		}
		RasterPooler pooler = RasterPooler.of(spec(PoolMode.AVG, 2), WIDTH, HEIGHT, 3, true);
		assertThat(pooler.kernelName()).isEqualTo("VectorRasterKernel");
		Raster output = pooler.allocateOutput();

		long bytesPerCall = steadyAllocation(() -> pooler.poolRows(input, output, 0, pooler.outputHeight()));

		assertThat(bytesPerCall).as("bytes allocated per call of avg 2x2 once compiled")
			.isLessThan(COMPILED_BYTES_PER_CALL);
	}

	@Test
	void tensorKernelsStayCompiledAfterOthers() {
		int[] shape = { 3, HEIGHT, WIDTH };
		float[] data = new float[3 * HEIGHT * WIDTH];
		Random random = new Random(13);
		for (int i = 0; i < data.length; i++) {
			data[i] = (float) random.nextGaussian();
		}
		Tensor input = new Tensor(shape, data);
		PoolSpec divideByThree = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).divisorOverride(3).build();
		for (PoolSpec other : new PoolSpec[] { PoolSpec.of(PoolMode.MIN, 2), divideByThree, PoolSpec.of(PoolMode.MAX, 2) }) {
			TensorPooler pooler = TensorPooler.of(other, shape, true);
			Tensor output = pooler.allocateOutput();
			runFor(Duration.ofMillis(1500), () -> pooler.poolRows(input, output, 0, pooler.outputRows()));
		}

		for (PoolSpec spec : new PoolSpec[] { PoolSpec.of(PoolMode.AVG, 2), PoolSpec.of(PoolMode.MAX, 2), divideByThree }) {
			TensorPooler pooler = TensorPooler.of(spec, shape, true);
			Tensor output = pooler.allocateOutput();

			long bytesPerCall = steadyAllocation(() -> pooler.poolRows(input, output, 0, pooler.outputRows()));

			assertThat(bytesPerCall).as("bytes allocated per call of float32 %s once compiled", spec.describe())
				.isLessThan(COMPILED_BYTES_PER_CALL);
		}
	}

	private static PoolSpec spec(PoolMode mode, int kernel) {
		return PoolSpec.builder().mode(mode).kernel(kernel).stride(2).build();
	}

	/**
	 * Runs batches of calls until one allocates less than {@link #COMPILED_BYTES_PER_CALL} per
	 * call, which happens once C2 has compiled the kernel, or until the timeout, and returns the
	 * allocation per call of the last batch.
	 */
	private static long steadyAllocation(Runnable call) {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long deadline = System.nanoTime() + COMPILE_TIMEOUT.toNanos();
		long bytesPerCall;
		do {
			long before = threads.getCurrentThreadAllocatedBytes();
			for (int i = 0; i < 50; i++) {
				call.run();
			}
			bytesPerCall = (threads.getCurrentThreadAllocatedBytes() - before) / 50;
		}
		while (bytesPerCall >= COMPILED_BYTES_PER_CALL && System.nanoTime() < deadline);
		return bytesPerCall;
	}

	private static void runFor(Duration duration, Runnable call) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			call.run();
		}
	}

	private static Raster randomRaster(long seed) {
		Raster raster = Raster.allocate(WIDTH, HEIGHT, 3);
		new Random(seed).nextBytes(raster.samples());
		return raster;
	}

}
