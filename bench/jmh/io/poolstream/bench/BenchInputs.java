package io.poolstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.poolstream.pooling.PoolMode;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Raster;
import io.poolstream.pooling.Tensor;

/**
 * Loads the inputs that bench/make_inputs.py writes, so the JMH side and the Python peers pool
 * the same bytes, and maps the operation names of the report to pooling specs.
 *
 * <p>The input folder is the system property {@code poolstream.bench.inputs}, by default
 * {@code bench/out} relative to the working directory.
 */
final class BenchInputs {

	private BenchInputs() {
	}

	static Path folder() {
		return Path.of(System.getProperty("poolstream.bench.inputs", "bench/out"));
	}

	static int width(String size) {
		return Integer.parseInt(size.substring(0, size.indexOf('x')));
	}

	static int height(String size) {
		return Integer.parseInt(size.substring(size.indexOf('x') + 1));
	}

	/**
	 * Reads {@code rgb_WxH.raw}: interleaved RGB samples, row by row.
	 */
	static Raster readRaster(String size) {
		byte[] samples = read("rgb_" + size + ".raw");
		return new Raster(width(size), height(size), 3, samples);
	}

	/**
	 * Reads {@code chw_WxH.f32}: the same image as float32 (0 to 255) in (C, H, W) order,
	 * little-endian.
	 */
	static Tensor readTensor(String size) {
		byte[] bytes = read("chw_" + size + ".f32");
		float[] data = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
		return new Tensor(new int[] { 3, height(size), width(size) }, data);
	}

	static byte[] read(String name) {
		Path path = folder().resolve(name);
		try {
			return Files.readAllBytes(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read bench input " + path.toAbsolutePath()
					+ "; run bench/kernels.sh, which writes it", ex);
		}
	}

	/**
	 * Maps a report operation name to its spec: {@code avg2} and {@code max2} are 2×2 / 2,
	 * {@code max3s2} and {@code avg3s2} are 3×3 / 2, and {@code gradient2} is the Sobel
	 * magnitude followed by max 2×2 / 2. None has padding.
	 */
	static PoolSpec spec(String op) {
		return switch (op) {
			case "avg2" -> PoolSpec.of(PoolMode.AVG, 2);
			case "max2" -> PoolSpec.of(PoolMode.MAX, 2);
			case "max3s2" -> PoolSpec.builder().mode(PoolMode.MAX).kernel(3).stride(2).build();
			case "avg3s2" -> PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).build();
			case "gradient2" -> PoolSpec.of(PoolMode.GRADIENT, 2);
			default -> throw new IllegalArgumentException("unknown bench operation " + op
					+ "; use avg2, max2, max3s2, avg3s2 or gradient2");
		};
	}

}
