package io.poolstream.pooling;

import java.util.Random;

/**
 * A random pooling spec with an input size it fits, for property tests.
 *
 * <p>Sizes stay small so that the reference kernel is fast, and a fifth of the cases are the
 * 2×2 stride 2 fast path on larger inputs.
 */
record PoolingCase(PoolSpec spec, int width, int height, int channels) {

	/**
	 * Draws a valid case; specs whose windows do not fit the drawn size are drawn again.
	 */
	static PoolingCase random(Random random, boolean withLp) {
		while (true) {
			PoolingCase candidate = draw(random, withLp);
			try {
				candidate.spec.outputHeight(candidate.height);
				candidate.spec.outputWidth(candidate.width);
				return candidate;
			}
			catch (InvalidPoolSpecException ex) {
				// Kernel larger than the padded input: draw again.
			}
		}
	}

	private static PoolingCase draw(Random random, boolean withLp) {
		PoolMode[] modes = withLp ? PoolMode.values()
				: new PoolMode[] { PoolMode.MAX, PoolMode.AVG, PoolMode.MIN, PoolMode.GRADIENT };
		PoolMode mode = modes[random.nextInt(modes.length)];
		int channels = 1 + random.nextInt(4);
		if (random.nextInt(5) == 0 && mode != PoolMode.LP) {
			return new PoolingCase(PoolSpec.of(mode, 2), 2 + random.nextInt(40), 2 + random.nextInt(30), channels);
		}
		int width = 1 + random.nextInt(17);
		int height = 1 + random.nextInt(13);
		if (random.nextInt(6) == 0 && mode != PoolMode.LP) {
			PoolSpec adaptive = PoolSpec.builder().mode(mode).outputSize(1 + random.nextInt(9), 1 + random.nextInt(9))
					.build();
			return new PoolingCase(adaptive, width, height, channels);
		}

		int kernelHeight = 1 + random.nextInt(4);
		int kernelWidth = 1 + random.nextInt(4);
		boolean dilated = mode != PoolMode.AVG && random.nextInt(3) == 0;
		boolean padded = mode != PoolMode.LP && random.nextBoolean();
		PoolSpec.Builder builder = PoolSpec.builder().mode(mode).kernel(kernelHeight, kernelWidth)
				.stride(1 + random.nextInt(3), 1 + random.nextInt(3))
				.padding(padded ? random.nextInt(kernelHeight / 2 + 1) : 0, padded ? random.nextInt(kernelWidth / 2 + 1) : 0)
				.dilation(dilated ? 1 + random.nextInt(3) : 1, dilated ? 1 + random.nextInt(3) : 1)
				.ceilMode(random.nextBoolean());
		if (mode == PoolMode.AVG) {
			builder.countIncludePad(random.nextBoolean());
			if (random.nextInt(4) == 0) {
				builder.divisorOverride(1 + random.nextInt(12));
			}
		}
		if (mode == PoolMode.LP) {
			builder.p(1 + random.nextInt(3));
		}
		return new PoolingCase(builder.build(), width, height, channels);
	}

	/**
	 * Fills a raster of this case's size with random samples, often from a few levels so that
	 * ties and flat regions occur.
	 */
	Raster randomRaster(Random random) {
		byte[] samples = new byte[this.width * this.height * this.channels];
		boolean fewLevels = random.nextBoolean();
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (byte) (fewLevels ? 85 * random.nextInt(4) : random.nextInt(256));
		}
		return new Raster(this.width, this.height, this.channels, samples);
	}

	/**
	 * Fills a tensor of shape {@code (channels, height, width)} with small multiples of 0.5, so
	 * that float sums are exact in any order, and an occasional NaN.
	 */
	Tensor randomTensor(Random random, boolean withNaN) {
		float[] data = new float[this.width * this.height * this.channels];
		for (int i = 0; i < data.length; i++) {
			data[i] = (withNaN && random.nextInt(40) == 0) ? Float.NaN : (random.nextInt(33) - 16) * 0.5f;
		}
		return new Tensor(new int[] { this.channels, this.height, this.width }, data);
	}

	@Override
	public String toString() {
		return this.spec.describe() + " on " + this.width + "x" + this.height + "x" + this.channels;
	}

}
