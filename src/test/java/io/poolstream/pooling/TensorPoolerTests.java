package io.poolstream.pooling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Hand-computed float32 pooling results, including PyTorch's NaN, infinity and overflow
 * behavior.
 */
class TensorPoolerTests {

	private static final float NAN = Float.NaN;

	private static final float INFINITY = Float.POSITIVE_INFINITY;


	@Test
	void maxPoolingPropagatesNaN() {
		Tensor input = new Tensor(new int[] { 2, 4 }, new float[] {
				1, NAN, 5, 6,
				3, 4, 7, 8 });

		Tensor output = pool(PoolSpec.of(PoolMode.MAX, 2), input);

		assertThat(output.data()).containsExactly(NAN, 8);
	}

	@Test
	void minPoolingPropagatesNaN() {
		Tensor input = new Tensor(new int[] { 2, 4 }, new float[] {
				1, 2, 5, 6,
				3, 4, 7, NAN });

		Tensor output = pool(PoolSpec.of(PoolMode.MIN, 2), input);

		assertThat(output.data()).containsExactly(1, NAN);
	}

	@Test
	void avgPoolingPropagatesNaN() {
		Tensor input = new Tensor(new int[] { 2, 2 }, new float[] { 1, 2, NAN, 4 });

		Tensor output = pool(PoolSpec.of(PoolMode.AVG, 2), input);

		assertThat(output.data()).containsExactly(NAN);
	}

	@Test
	void avgPoolingOverflowsToInfinityInFloat32() {
		Tensor input = new Tensor(new int[] { 2, 2 }, new float[] { 3e38f, 3e38f, 0, 0 });

		Tensor output = pool(PoolSpec.of(PoolMode.AVG, 2), input);

		// The float32 sum 6e38 overflows before the division by 4.
		assertThat(output.data()).containsExactly(INFINITY);
	}

	@Test
	void avgPoolingOfFractionsIsExact() {
		Tensor input = new Tensor(new int[] { 3, 3 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).kernel(2).ceilMode(true).build();

		Tensor output = pool(spec, input);

		assertThat(output.shape()).containsExactly(2, 2);
		assertThat(output.data()).containsExactly(3f, 4.5f, 7.5f, 9f);
	}

	@Test
	void avgPoolingWithPaddingCountsPaddingWhenIncluded() {
		Tensor input = new Tensor(new int[] { 3, 3 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		PoolSpec included = PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).padding(1).build();
		PoolSpec excluded = PoolSpec.builder().mode(PoolMode.AVG).kernel(3).stride(2).padding(1)
				.countIncludePad(false).build();

		Tensor withPadding = pool(included, input);
		Tensor withoutPadding = pool(excluded, input);

		assertThat(withPadding.data()).containsExactly(12f / 9, 16f / 9, 24f / 9, 28f / 9);
		assertThat(withoutPadding.data()).containsExactly(3f, 4f, 6f, 7f);
	}

	@Test
	void paddingOnlyWindowIsInfinite() {
		Tensor input = new Tensor(new int[] { 1, 4 }, new float[] { 1, 2, 3, 4 });
		PoolSpec max = PoolSpec.builder().mode(PoolMode.MAX).kernel(1, 2).stride(1).padding(0, 1).dilation(1, 5)
				.build();
		PoolSpec min = PoolSpec.builder().mode(PoolMode.MIN).kernel(1, 2).stride(1).padding(0, 1).dilation(1, 5)
				.build();

		Tensor largest = pool(max, input);
		Tensor smallest = pool(min, input);

		assertThat(largest.data()).containsExactly(Float.NEGATIVE_INFINITY);
		assertThat(smallest.data()).containsExactly(INFINITY);
	}

	@Test
	void lpPoolingOverflowsToInfinityInFloat32() {
		Tensor input = new Tensor(new int[] { 1, 2 }, new float[] { 2e19f, 0 });
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(2).build();

		Tensor output = pool(spec, input);

		// (2e19)² = 4e38 is beyond the float32 range before the square root.
		assertThat(output.data()).containsExactly(INFINITY);
	}

	@Test
	void lpOfNegativeSampleIsNaN() {
		Tensor input = new Tensor(new int[] { 1, 2 }, new float[] { -1, 4 });
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(2.5).build();

		Tensor output = pool(spec, input);

		assertThat(output.data()).containsExactly(NAN);
	}

	@Test
	void lpOfNegativeSumIsNaN() {
		Tensor input = new Tensor(new int[] { 1, 2 }, new float[] { -2, 1 });
		PoolSpec cube = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(3).build();
		PoolSpec linear = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(1).build();

		Tensor cubeRoot = pool(cube, input);
		Tensor sum = pool(linear, input);

		// (-8 + 1)^(1/3) is NaN, and (-2 + 1)^1 is -1.
		assertThat(cubeRoot.data()).containsExactly(NAN);
		assertThat(sum.data()).containsExactly(-1f);
	}

	@Test
	void lpPoolingWithP2IsEuclideanNorm() {
		Tensor input = new Tensor(new int[] { 2, 2 }, new float[] { 3, -4, 0, 0 });

		Tensor output = pool(PoolSpec.of(PoolMode.LP, 2), input);

		assertThat(output.data()).containsExactly(5f);
	}

	@Test
	void lpScalesPartialCeilWindow() {
		Tensor input = new Tensor(new int[] { 1, 3 }, new float[] { 3, 4, 6 });
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.LP).kernel(1, 2).p(2).ceilMode(true).build();

		Tensor output = pool(spec, input);

		assertThat(output.data()).containsExactly(5f, (float) Math.sqrt(72));
	}

	@Test
	void gradientPoolingTakesSobelMagnitude() {
		Tensor input = new Tensor(new int[] { 2, 2 }, new float[] { 0, 10, 40, 30 });
		PoolSpec perPixel = PoolSpec.builder().mode(PoolMode.GRADIENT).kernel(1).build();

		Tensor output = pool(perPixel, input);

		float topLeft = (float) Math.sqrt(20000);
		float topRight = (float) Math.sqrt(10400);
		assertThat(output.data()).containsExactly(topLeft, topRight, topLeft, topRight);
	}

	@Test
	void planesArePooledIndependently() {
		Tensor input = new Tensor(new int[] { 2, 1, 2, 2 }, new float[] {
				1, 2, 3, 4,
				-1, -2, -3, -4 });

		Tensor max = pool(PoolSpec.of(PoolMode.MAX, 2), input);
		Tensor avg = pool(PoolSpec.of(PoolMode.AVG, 2), input);

		assertThat(max.shape()).containsExactly(2, 1, 1, 1);
		assertThat(max.data()).containsExactly(4f, -1f);
		assertThat(avg.data()).containsExactly(2.5f, -2.5f);
	}

	@Test
	void adaptiveAvgSplitsNonDividingSize() {
		Tensor input = new Tensor(new int[] { 1, 5 }, new float[] { 1, 2, 3, 4, 6 });
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.AVG).outputSize(1, 3).build();

		Tensor output = pool(spec, input);

		// Windows [0, 2), [1, 4) and [3, 5).
		assertThat(output.data()).containsExactly(1.5f, 3f, 5f);
	}

	@Test
	void outputShapeReplacesLastTwoDimensions() {
		TensorPooler pooler = TensorPooler.of(PoolSpec.of(PoolMode.MAX, 2), new int[] { 2, 3, 7, 5 });

		assertThat(pooler.outputShape()).containsExactly(2, 3, 3, 2);
		assertThat(pooler.outputRows()).isEqualTo(18);
	}

	@Test
	void poolRowsCrossesPlaneBoundaries() {
		Tensor input = new Tensor(new int[] { 2, 2, 2 }, new float[] {
				1, 2, 3, 4,
				5, 6, 7, 8 });
		PoolSpec spec = PoolSpec.builder().mode(PoolMode.MAX).kernel(1, 2).build();
		TensorPooler pooler = TensorPooler.of(spec, input.shape());
		Tensor output = pooler.allocateOutput();

		pooler.poolRows(input, output, 1, 3);

		// Rows 1 and 2 are the second row of plane 0 and the first row of plane 1.
		assertThat(output.data()).containsExactly(0f, 4f, 6f, 0f);
	}

	@Test
	void tensorRejectsShapeThatDoesNotMatchData() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Tensor(new int[] { 2, 3 }, new float[5]))
				.withMessageContaining("expected 6 values");
	}

	@Test
	void tensorRejectsUnsupportedRank() {
		assertThatIllegalArgumentException().isThrownBy(() -> Tensor.allocate(1, 1, 1, 2, 2))
				.withMessageContaining("rank");
	}

	@Test
	void poolRowsRejectsWrongShape() {
		TensorPooler pooler = TensorPooler.of(PoolSpec.of(PoolMode.MAX, 2), new int[] { 4, 4 });

		assertThatIllegalArgumentException().isThrownBy(() -> pooler.pool(Tensor.allocate(4, 6)))
				.withMessageContaining("[4, 4]");
	}

	@Test
	void tensorAccessorsDescribePlanes() {
		Tensor tensor = Tensor.allocate(2, 3, 4, 5);

		assertThat(tensor.height()).isEqualTo(4);
		assertThat(tensor.width()).isEqualTo(5);
		assertThat(tensor.planes()).isEqualTo(6);
		assertThat(tensor.rank()).isEqualTo(4);
	}

	private static Tensor pool(PoolSpec spec, Tensor input) {
		return TensorPooler.of(spec, input.shape()).pool(input);
	}

}
