package io.poolstream.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one stream, for its description in the API.
 *
 * <p>Rates are frames per second over the last {@value #WINDOW_SECONDS} whole seconds. Latency
 * percentiles are taken over the last {@value #LATENCY_SAMPLES} results. Every method is
 * thread-safe.
 */
public final class StreamStats {

	static final int WINDOW_SECONDS = 5;

	static final int LATENCY_SAMPLES = 256;


	private final LongAdder received = new LongAdder();

	private final LongAdder processed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final AtomicLong lastSeq = new AtomicLong();

	private final RateWindow inRate = new RateWindow();

	private final RateWindow outRate = new RateWindow();

	/** Guarded by itself. */
	private final long[] latencies = new long[LATENCY_SAMPLES];

	/** Guarded by {@link #latencies}. */
	private int latencyCount;


	void recordReceived() {
		this.received.increment();
		this.inRate.record(System.nanoTime());
	}

	void recordDropped() {
		this.dropped.increment();
	}

	void recordRejected() {
		this.rejected.increment();
	}

	void recordOutcome(FrameOutcome outcome) {
		this.lastSeq.accumulateAndGet(outcome.seq(), Math::max);
		this.outRate.record(System.nanoTime());
		if (outcome instanceof FrameResult result) {
			this.processed.increment();
			synchronized (this.latencies) {
				this.latencies[this.latencyCount % LATENCY_SAMPLES] = result.latencyNanos();
				this.latencyCount++;
			}
		}
		else {
			this.errors.increment();
		}
	}

	/**
	 * Returns a consistent-enough copy of the counters; each counter is read once.
	 */
	public Snapshot snapshot() {
		long now = System.nanoTime();
		long[] recent;
		synchronized (this.latencies) {
			recent = Arrays.copyOf(this.latencies, Math.min(this.latencyCount, LATENCY_SAMPLES));
		}
		Arrays.sort(recent);
		return new Snapshot(this.received.sum(), this.processed.sum(), this.dropped.sum(), this.rejected.sum(),
				this.errors.sum(), this.lastSeq.get(), this.inRate.perSecond(now), this.outRate.perSecond(now),
				percentileMillis(recent, 0.50), percentileMillis(recent, 0.99));
	}

	private static double percentileMillis(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}


	/**
	 * Counters of a stream at one moment.
	 *
	 * @param received frames accepted or refused at ingress
	 * @param processed frames that produced a result
	 * @param dropped frames evicted by the backpressure policy
	 * @param rejected frames refused because the queue was full
	 * @param errors frames that failed to decode or pool
	 * @param lastSeq the sequence number of the newest outcome
	 * @param fpsIn frames arriving per second
	 * @param fpsOut outcomes per second
	 * @param latencyMsP50 median end-to-end latency in milliseconds
	 * @param latencyMsP99 99th percentile end-to-end latency in milliseconds
	 */
	public record Snapshot(long received, long processed, long dropped, long rejected, long errors, long lastSeq,
			double fpsIn, double fpsOut, double latencyMsP50, double latencyMsP99) {
	}


	/**
	 * Events per whole second over a sliding window of seconds.
	 */
	private static final class RateWindow {

		/** Guarded by this. Slot i counts events in the second whose index mod length is i. */
		private final long[] counts = new long[WINDOW_SECONDS + 1];

		private final long[] seconds = new long[WINDOW_SECONDS + 1];

		synchronized void record(long nanos) {
			long second = nanos / 1_000_000_000L;
			int slot = (int) (second % this.counts.length);
			if (this.seconds[slot] != second) {
				this.seconds[slot] = second;
				this.counts[slot] = 0;
			}
			this.counts[slot]++;
		}

		synchronized double perSecond(long nanos) {
			long current = nanos / 1_000_000_000L;
			long total = 0;
			for (int i = 0; i < this.counts.length; i++) {
				long age = current - this.seconds[i];
				if (age >= 1 && age <= WINDOW_SECONDS) {
					total += this.counts[i];
				}
			}
			return (double) total / WINDOW_SECONDS;
		}

	}

}
