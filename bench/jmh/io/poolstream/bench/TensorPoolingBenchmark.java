package io.poolstream.bench;

import java.util.concurrent.TimeUnit;

import io.poolstream.pooling.Tensor;
import io.poolstream.pooling.TensorPooler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pools a float32 (3, H, W) tensor, the photo's samples as 0 to 255, on one thread into a
 * preallocated output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TensorPoolingBenchmark {

	@Param({ "640x480", "1920x1080", "3840x2160" })
	public String size;

	@Param({ "max2", "avg2" })
	public String op;

	private Tensor input;

	private Tensor output;

	private TensorPooler pooler;


	@Setup
	public void setUp() {
		this.input = BenchInputs.readTensor(this.size);
		this.pooler = TensorPooler.of(BenchInputs.spec(this.op), this.input.shape());
		this.output = this.pooler.allocateOutput();
	}

	@Benchmark
	public Tensor pool() {
		this.pooler.poolRows(this.input, this.output, 0, this.pooler.outputRows());
		return this.output;
	}

}
