package io.poolstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.poolstream.pooling.Raster;
import io.poolstream.pooling.RasterPooler;

/**
 * Times the two-row-band pooling of {@link TwoBandPoolingBenchmark} in wall time and in thread
 * CPU time, alternating one-thread and two-thread runs so that both see about the same load from
 * other processes.
 *
 * <p>The wall-time speedup is what a caller gets. It reaches 2× only when the scheduler grants
 * the JVM two CPUs at once, which a machine shared with other busy processes often does not. The
 * CPU-time speedup, one-thread CPU time over the larger CPU time of the two bands, is the
 * speedup that the code itself allows: it falls below 2× when the bands contend for memory,
 * locks or shared cache lines, or when the split is uneven, but not when a thread waits for a CPU.
 *
 * <p>Prints one line per operation,
 * {@code bands <op> <size> runs <n> one_wall_ms <a> two_wall_ms <b> one_cpu_ms <c> band_cpu_ms <d>},
 * each the median over the measured runs, where {@code band_cpu_ms} is the larger CPU time of the
 * two bands of a run. Arguments: the size, warmup runs, measured runs, then the operations.
 */
public final class BandScalingTiming {

	private BandScalingTiming() {
	}

	public static void main(String[] args) throws InterruptedException, ExecutionException {
		String size = args[0];
		int warmup = Integer.parseInt(args[1]);
		int runs = Integer.parseInt(args[2]);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (!threads.isCurrentThreadCpuTimeSupported()) {
			throw new IllegalStateException("this JVM cannot measure thread CPU time");
		}
		Raster input = BenchInputs.readRaster(size);
		ExecutorService helper = Executors.newSingleThreadExecutor();
		try {
			for (int i = 3; i < args.length; i++) {
				time(args[i], size, input, warmup, runs, threads, helper);
			}
		}
		finally {
			helper.shutdownNow();
		}
	}

	private static void time(String op, String size, Raster input, int warmup, int runs, ThreadMXBean threads,
			ExecutorService helper) throws InterruptedException, ExecutionException {
		RasterPooler pooler = RasterPooler.of(BenchInputs.spec(op), input.width(), input.height(), input.channels());
		Raster output = pooler.allocateOutput();
		int rows = pooler.outputHeight();
		int middle = rows / 2;
		double[] oneWall = new double[runs];
		double[] oneCpu = new double[runs];
		double[] twoWall = new double[runs];
		double[] bandCpu = new double[runs];
		for (int i = -warmup; i < runs; i++) {
			long wallStart = System.nanoTime();
			long cpuStart = threads.getCurrentThreadCpuTime();
			pooler.poolRows(input, output, 0, rows);
			long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
			long wall = System.nanoTime() - wallStart;

			wallStart = System.nanoTime();
			Future<Long> upper = helper.submit(() -> {
				long start = threads.getCurrentThreadCpuTime();
				pooler.poolRows(input, output, 0, middle);
				return threads.getCurrentThreadCpuTime() - start;
			});
			cpuStart = threads.getCurrentThreadCpuTime();
			pooler.poolRows(input, output, middle, rows);
			long lowerCpu = threads.getCurrentThreadCpuTime() - cpuStart;
			long upperCpu = upper.get();
			long bandsWall = System.nanoTime() - wallStart;

			if (i >= 0) {
				oneWall[i] = wall / 1e6;
				oneCpu[i] = cpu / 1e6;
				twoWall[i] = bandsWall / 1e6;
				bandCpu[i] = Math.max(lowerCpu, upperCpu) / 1e6;
			}
		}
		System.out.printf("bands %s %s runs %d one_wall_ms %.3f two_wall_ms %.3f one_cpu_ms %.3f band_cpu_ms %.3f%n",
				op, size, runs, median(oneWall), median(twoWall), median(oneCpu), median(bandCpu));
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
