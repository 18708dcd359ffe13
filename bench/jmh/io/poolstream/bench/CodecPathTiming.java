package io.poolstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.codec.ImageLimits;
import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Raster;
import io.poolstream.pooling.RasterPooler;

/**
 * Times the service's codec path on one thread: JPEG decode, max 2×2 / 2, JPEG encode at
 * quality 85, as a stream with the default pipeline does for each frame.
 *
 * <p>JMH has no CPU-time mode, so this is a plain main method. It runs warmup iterations and
 * then measured ones, and prints one line
 * {@code codec <file> warmup <n> runs <n> cpu_median_ms <x> wall_median_ms <y>}, where the CPU
 * time is that of the calling thread from {@link ThreadMXBean}. GC and JIT threads are not
 * counted in it.
 *
 * <p>Arguments: the JPEG file name inside the input folder, warmup iterations, measured
 * iterations.
 */
public final class CodecPathTiming {

	private CodecPathTiming() {
	}

	public static void main(String[] args) {
		String name = args[0];
		int warmup = Integer.parseInt(args[1]);
		int runs = Integer.parseInt(args[2]);
		byte[] jpeg = BenchInputs.read(name);
		ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, 50_000_000L));
		ImageEncoder encoder = new ImageEncoder(85);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (!threads.isCurrentThreadCpuTimeSupported()) {
			throw new IllegalStateException("this JVM cannot measure thread CPU time");
		}

		long checksum = 0;
		for (int i = 0; i < warmup; i++) {
			checksum += runOnce(jpeg, decoder, encoder);
		}
		double[] cpuMillis = new double[runs];
		double[] wallMillis = new double[runs];
		for (int i = 0; i < runs; i++) {
			long cpuStart = threads.getCurrentThreadCpuTime();
			long wallStart = System.nanoTime();
			checksum += runOnce(jpeg, decoder, encoder);
			wallMillis[i] = (System.nanoTime() - wallStart) / 1e6;
			cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
		}

		System.out.printf("codec %s warmup %d runs %d cpu_median_ms %.3f wall_median_ms %.3f output_bytes %d%n",
				name, warmup, runs, median(cpuMillis), median(wallMillis), checksum / (warmup + runs));
	}

	/**
	 * Runs the path once and returns the encoded size, so the work cannot be skipped.
	 */
	private static long runOnce(byte[] jpeg, ImageDecoder decoder, ImageEncoder encoder) {
		Raster raster = decoder.decode(jpeg).raster();
		RasterPooler pooler = RasterPooler.of(PoolSpec.of(PoolMode.MAX, 2), raster.width(), raster.height(),
				raster.channels());
		Raster pooled = pooler.pool(raster);
		return encoder.encode(pooled, ImageFormat.JPEG).length;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
