package io.poolstream.pooling;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain pooling written straight from the definitions, one output sample at a time, with its
 * own window arithmetic, to check the optimized kernels against.
 *
 * <p>Windows follow PyTorch: sliding taps {@code o * stride - padding + j * dilation} kept when
 * inside the input, or adaptive {@code [floor(o * in / out), ceil((o + 1) * in / out))}.
 */
final class ReferencePooling {

	private ReferencePooling() {
	}


	/**
	 * Returns the real input indices of output window {@code o} along one axis.
	 */
	static List<Integer> taps(PoolSpec spec, boolean height, int input, int output, int o) {
		List<Integer> taps = new ArrayList<>();
		if (spec.adaptive()) {
			int start = (int) Math.floor((double) o * input / output);
			int end = (int) Math.ceil((double) (o + 1) * input / output);
			for (int i = start; i < end; i++) {
				taps.add(i);
			}
			return taps;
		}
		int kernel = height ? spec.kernelHeight() : spec.kernelWidth();
		int start = o * (height ? spec.strideHeight() : spec.strideWidth())
				- (height ? spec.paddingHeight() : spec.paddingWidth());
		int dilation = height ? spec.dilationHeight() : spec.dilationWidth();
		for (int j = 0; j < kernel; j++) {
			int index = start + j * dilation;
			if (index >= 0 && index < input) {
				taps.add(index);
			}
		}
		return taps;
	}

	/**
	 * Returns PyTorch's avg divisor factor with count_include_pad along one axis: the window
	 * clipped to the padded input.
	 */
	static int paddedSize(PoolSpec spec, boolean height, int input, int o) {
		int kernel = height ? spec.kernelHeight() : spec.kernelWidth();
		int padding = height ? spec.paddingHeight() : spec.paddingWidth();
		int start = o * (height ? spec.strideHeight() : spec.strideWidth()) - padding;
		return Math.min(start + kernel, input + padding) - start;
	}

	/**
	 * Pools an interleaved 8-bit raster, returning unsigned output samples.
	 */
	static int[] poolRaster(PoolSpec spec, Raster input) {
		int width = input.width();
		int height = input.height();
		int channels = input.channels();
		int outputHeight = spec.outputHeight(height);
		int outputWidth = spec.outputWidth(width);
		int[] output = new int[outputWidth * outputHeight * channels];
		for (int oy = 0; oy < outputHeight; oy++) {
			List<Integer> rows = taps(spec, true, height, outputHeight, oy);
			for (int ox = 0; ox < outputWidth; ox++) {
				List<Integer> columns = taps(spec, false, width, outputWidth, ox);
				for (int c = 0; c < channels; c++) {
					List<Integer> window = new ArrayList<>();
					for (int y : rows) {
						for (int x : columns) {
							window.add((spec.mode() == PoolMode.GRADIENT) ? squaredGradient(input, x, y, c)
									: input.sample(x, y, c));
						}
					}
					output[(oy * outputWidth + ox) * channels + c] = reduceSamples(spec, window,
							rows.isEmpty() ? 0 : avgDivisor(spec, width, height, oy, ox, window.size()));
				}
			}
		}
		return output;
	}

	private static int avgDivisor(PoolSpec spec, int width, int height, int oy, int ox, int count) {
		if (spec.divisorOverride() > 0) {
			return spec.divisorOverride();
		}
		if (spec.countIncludePad() && !spec.adaptive()) {
			return paddedSize(spec, true, height, oy) * paddedSize(spec, false, width, ox);
		}
		return count;
	}

	private static int reduceSamples(PoolSpec spec, List<Integer> window, int divisor) {
		switch (spec.mode()) {
			case MAX:
				return window.stream().mapToInt(Integer::intValue).max().orElse(0);
			case MIN:
				return window.stream().mapToInt(Integer::intValue).min().orElse(255);
			case AVG:
				if (window.isEmpty()) {
					return 0;
				}
				long sum = window.stream().mapToLong(Integer::longValue).sum();
				return (int) Math.min(255, Math.rint((double) sum / divisor));
			case LP:
				double powers = 0;
				for (int value : window) {
					powers += Math.pow(value, spec.p());
				}
				double scaled = powers / window.size() * (spec.kernelHeight() * spec.kernelWidth());
				double norm = (spec.p() == 2) ? Math.sqrt(scaled) : Math.pow(scaled, 1 / spec.p());
				return (int) Math.min(255, Math.rint(norm));
			default:
				int max = window.stream().mapToInt(Integer::intValue).max().orElse(-1);
				return (max < 0) ? 0 : (int) Math.min(255, Math.rint(Math.sqrt(max)));
		}
	}

	/**
	 * Returns {@code gx² + gy²} of the 3×3 Sobel kernels at one sample, replicating borders.
	 */
	static int squaredGradient(Raster input, int x, int y, int c) {
		int gx = 0;
		int gy = 0;
		int[][] sobelX = { { -1, 0, 1 }, { -2, 0, 2 }, { -1, 0, 1 } };
		for (int dy = -1; dy <= 1; dy++) {
			for (int dx = -1; dx <= 1; dx++) {
				int sx = Math.max(0, Math.min(input.width() - 1, x + dx));
				int sy = Math.max(0, Math.min(input.height() - 1, y + dy));
				int value = input.sample(sx, sy, c);
				gx += sobelX[dy + 1][dx + 1] * value;
				gy += sobelX[dx + 1][dy + 1] * value;
			}
		}
		return gx * gx + gy * gy;
	}

	/**
	 * Pools a float32 tensor plane by plane, visiting each window in PyTorch's order.
	 */
	static float[] poolTensor(PoolSpec spec, Tensor input) {
		int height = input.height();
		int width = input.width();
		int outputHeight = spec.outputHeight(height);
		int outputWidth = spec.outputWidth(width);
		float[] data = input.data();
		float[] output = new float[input.planes() * outputHeight * outputWidth];
		for (int plane = 0; plane < input.planes(); plane++) {
			int base = plane * height * width;
			for (int oy = 0; oy < outputHeight; oy++) {
				List<Integer> rows = taps(spec, true, height, outputHeight, oy);
				for (int ox = 0; ox < outputWidth; ox++) {
					List<Integer> columns = taps(spec, false, width, outputWidth, ox);
					List<Float> window = new ArrayList<>();
					for (int y : rows) {
						for (int x : columns) {
							window.add((spec.mode() == PoolMode.GRADIENT)
									? gradientMagnitude(data, base, width, height, x, y)
									: data[base + y * width + x]);
						}
					}
					int target = (plane * outputHeight + oy) * outputWidth + ox;
					if (spec.adaptive() && spec.mode() == PoolMode.AVG) {
						boolean wholePlane = outputHeight == 1 && outputWidth == 1;
						output[target] = adaptiveMean(window, rows.size(), columns.size(), wholePlane);
						continue;
					}
					int divisor = window.isEmpty() ? 0 : avgDivisor(spec, width, height, oy, ox, window.size());
					output[target] = reduceValues(spec, window, divisor);
				}
			}
		}
		return output;
	}

	/**
	 * Averages an adaptive window as PyTorch 1.13 does: the float32 sum divided by the window
	 * height, then by its width, or once by the area for a 1×1 output, which PyTorch computes
	 * with {@code mean()}.
	 */
	private static float adaptiveMean(List<Float> window, int windowHeight, int windowWidth, boolean wholePlane) {
		float sum = 0;
		for (float value : window) {
			sum += value;
		}
		if (wholePlane) {
			return sum / (windowHeight * windowWidth);
		}
		return sum / windowHeight / windowWidth;
	}

	private static float reduceValues(PoolSpec spec, List<Float> window, int divisor) {
		switch (spec.mode()) {
			case MIN: {
				float min = Float.POSITIVE_INFINITY;
				for (float value : window) {
					min = (Float.isNaN(min) || Float.isNaN(value)) ? Float.NaN : Math.min(min, value);
				}
				return min;
			}
			case AVG: {
				float sum = 0;
				for (float value : window) {
					sum += value;
				}
				return window.isEmpty() ? 0 : sum / divisor;
			}
			case LP: {
				float sum = 0;
				for (float value : window) {
					sum += (float) Math.pow(value, spec.p());
				}
				float scaled = sum / window.size() * (spec.kernelHeight() * spec.kernelWidth());
				return (float) Math.pow(scaled, 1 / spec.p());
			}
			default: {
				float max = Float.NEGATIVE_INFINITY;
				for (float value : window) {
					max = (Float.isNaN(max) || Float.isNaN(value)) ? Float.NaN : Math.max(max, value);
				}
				return max;
			}
		}
	}

	private static float gradientMagnitude(float[] data, int base, int width, int height, int x, int y) {
		double gx = 0;
		double gy = 0;
		int[][] sobelX = { { -1, 0, 1 }, { -2, 0, 2 }, { -1, 0, 1 } };
		for (int dy = -1; dy <= 1; dy++) {
			for (int dx = -1; dx <= 1; dx++) {
				int sx = Math.max(0, Math.min(width - 1, x + dx));
				int sy = Math.max(0, Math.min(height - 1, y + dy));
				double value = data[base + sy * width + sx];
				gx += sobelX[dy + 1][dx + 1] * value;
				gy += sobelX[dx + 1][dy + 1] * value;
			}
		}
		return (float) Math.sqrt(gx * gx + gy * gy);
	}

}
