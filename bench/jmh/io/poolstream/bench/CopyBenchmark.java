package io.poolstream.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * STREAM-style copy of a 64 MiB byte array with {@link System#arraycopy}, on one thread. It
 * reads 64 MiB and writes 64 MiB, far more than any cache, so its time gives the memory
 * bandwidth that bounds a pooling kernel from below.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CopyBenchmark {

	static final int BYTES = 64 << 20;

	private byte[] source;

	private byte[] target;


	@Setup
	public void setUp() {
		this.source = new byte[BYTES];
		this.target = new byte[BYTES];
		for (int i = 0; i < BYTES; i++) {
			this.source[i] = (byte) (i * 31);
		}
	}

	@Benchmark
	public byte[] copy() {
		System.arraycopy(this.source, 0, this.target, 0, BYTES);
		return this.target;
	}

}
