package io.poolstream.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides which repeats of a log line are written, so that a fault hit by every frame of a busy
 * stream writes one line per interval instead of one per frame.
 *
 * <p>Lines are grouped by key, a stream id and a kind of error. The first line of a key is always
 * written. Later lines of the same key are suppressed until {@code interval} has passed since the
 * last written one, and the next written line reports how many were suppressed in between.
 * At most {@code maxKeys} keys are remembered, least recently used first out, so a flood of stream
 * ids cannot grow the map. A key that was forgotten writes its next line at once and loses its
 * suppressed count. Thread-safe.
 */
public final class LogRateLimiter {

	/** Returned by {@link #admit} when the line is to be suppressed. */
	public static final long SUPPRESS = -1;


	private final long intervalNanos;

	private final int maxKeys;

	private final LongSupplier nanoClock;

	/** Guarded by itself, in access order. */
	private final LinkedHashMap<Key, Window> windows;


	/**
	 * Creates a limiter.
	 * @param interval the minimum time between two written lines of one key
	 * @param maxKeys the maximum number of keys remembered at once, at least 1
	 * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
	 */
	public LogRateLimiter(Duration interval, int maxKeys, LongSupplier nanoClock) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, got " + interval);
		}
		if (maxKeys < 1) {
			throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
		}

		this.intervalNanos = interval.toNanos();
		this.maxKeys = maxKeys;
		this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
		this.windows = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Window> eldest) {
				return size() > LogRateLimiter.this.maxKeys;
			}

		};
	}

	/**
	 * Creates a limiter of one line per 10 seconds for each of at most 1,024 keys, on
	 * {@link System#nanoTime()}.
	 */
	public static LogRateLimiter perTenSeconds() {
		return new LogRateLimiter(Duration.ofSeconds(10), 1024, System::nanoTime);
	}


	/**
	 * Records one line of a key and decides whether it is written.
	 * @param stream the stream id, or {@code "-"} when the line concerns no stream
	 * @param kind the kind of error, such as an exception class or a failure kind
	 * @return {@link #SUPPRESS} when the line is to be dropped, otherwise the number of lines of
	 * this key suppressed since the last written one
	 */
	public long admit(String stream, String kind) {
		Key key = new Key(stream, kind);
		long now = this.nanoClock.getAsLong();
		synchronized (this.windows) {
			Window window = this.windows.get(key);
			if (window == null) {
				this.windows.put(key, new Window(now));
				return 0;
			}
			if (now - window.writtenAt < this.intervalNanos) {
				window.suppressed++;
				return SUPPRESS;
			}
			long suppressed = window.suppressed;
			window.writtenAt = now;
			window.suppressed = 0;
			return suppressed;
		}
	}

	/**
	 * Returns the text to append to a written line: empty when nothing was suppressed, otherwise a
	 * note with the count.
	 */
	public static String describeSuppressed(long suppressed) {
		return (suppressed > 0) ? " (" + suppressed + " similar lines suppressed)" : "";
	}

	int keys() {
		synchronized (this.windows) {
			return this.windows.size();
		}
	}


	private record Key(String stream, String kind) {
	}

	/**
	 * The state of one key. Guarded by the limiter's map.
	 */
	private static final class Window {

		long writtenAt;

		long suppressed;

		Window(long writtenAt) {
			this.writtenAt = writtenAt;
		}

	}

}
