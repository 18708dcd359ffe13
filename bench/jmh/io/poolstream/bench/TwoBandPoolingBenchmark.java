package io.poolstream.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.poolstream.pooling.Raster;
import io.poolstream.pooling.RasterPooler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pools an RGB raster as two row bands on two threads: the upper half on a helper thread, the
 * lower half on the benchmark thread, then waits for both. With {@code threads = 1} the benchmark
 * thread pools all rows, as {@link RasterPoolingBenchmark} does. Both variants run in the same
 * JMH invocation, one after the other, so the two-thread speedup compares times taken under about
 * the same load from other processes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TwoBandPoolingBenchmark {

	@Param({ "3840x2160" })
	public String size;

	@Param({ "avg2", "max2", "max3s2", "avg3s2", "gradient2" })
	public String op;

	@Param({ "1", "2" })
	public int threads;

	private Raster input;

	private Raster output;

	private RasterPooler pooler;

	private ExecutorService helper;


	@Setup
	public void setUp() {
		this.input = BenchInputs.readRaster(this.size);
		this.pooler = RasterPooler.of(BenchInputs.spec(this.op), this.input.width(), this.input.height(), 3);
		this.output = this.pooler.allocateOutput();
		this.helper = Executors.newSingleThreadExecutor();
	}

	@TearDown
	public void tearDown() {
		this.helper.shutdownNow();
	}

	@Benchmark
	public Raster pool() throws InterruptedException, ExecutionException {
		int rows = this.pooler.outputHeight();
		if (this.threads == 1) {
			this.pooler.poolRows(this.input, this.output, 0, rows);
			return this.output;
		}
		int middle = rows / 2;
		Future<?> upper = this.helper.submit(() -> this.pooler.poolRows(this.input, this.output, 0, middle));
		this.pooler.poolRows(this.input, this.output, middle, rows);
		upper.get();
		return this.output;
	}

}
