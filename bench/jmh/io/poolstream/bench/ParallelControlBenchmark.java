package io.poolstream.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * Control for {@link TwoBandPoolingBenchmark}: a fixed amount of register-only arithmetic with no
 * memory traffic and no shared state, run on one thread or split in two halves the same way as
 * the row bands. Its speedup is what the machine grants two threads of this JVM at that moment.
 * When other processes keep the CPUs busy, the Linux scheduler (with autogroup, one share per
 * session) can hold this JVM to about one CPU, and then no code gets two threads past 1×.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParallelControlBenchmark {

	/**
	 * Steps of the linear congruential recurrence per operation: 17 to 27 ms on one thread of
	 * the 2-CPU benchmark machine.
	 */
	private static final long STEPS = 16_000_000L;

	@Param({ "1", "2" })
	public int threads;

	private ExecutorService helper;


	@Setup
	public void setUp() {
		this.helper = Executors.newSingleThreadExecutor();
	}

	@TearDown
	public void tearDown() {
		this.helper.shutdownNow();
	}

	@Benchmark
	public long spin() throws InterruptedException, ExecutionException {
		if (this.threads == 1) {
			return recur(1, STEPS);
		}
		Future<Long> upper = this.helper.submit(() -> recur(2, STEPS / 2));
		long lower = recur(3, STEPS / 2);
		return lower ^ upper.get();
	}

	/**
	 * Runs {@code steps} steps of a 64-bit linear congruential generator, a serial dependency
	 * chain that the JIT cannot shorten or vectorize.
	 */
	private static long recur(long seed, long steps) {
		long state = seed;
		for (long i = 0; i < steps; i++) {
			state = state * 6364136223846793005L + 1442695040888963407L;
		}
		return state;
	}

}
