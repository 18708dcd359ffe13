package io.poolstream.bench;

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

/**
 * Pools an RGB raster on one thread into a preallocated output, as the service's stage does for
 * a frame below the band threshold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RasterPoolingBenchmark {

	@Param({ "640x480", "1920x1080", "3840x2160" })
	public String size;

	@Param({ "avg2", "max2", "max3s2", "avg3s2", "gradient2" })
	public String op;

	private Raster input;

	private Raster output;

	private RasterPooler pooler;


	@Setup
	public void setUp() {
		this.input = BenchInputs.readRaster(this.size);
		this.pooler = RasterPooler.of(BenchInputs.spec(this.op), this.input.width(), this.input.height(), 3);
		this.output = this.pooler.allocateOutput();
	}

	@Benchmark
	public Raster pool() {
		this.pooler.poolRows(this.input, this.output, 0, this.pooler.outputHeight());
		return this.output;
	}

}
