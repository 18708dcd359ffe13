package io.poolstream.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The log limiter on a clock that the test moves by hand.
 */
class LogRateLimiterTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();


	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final LogRateLimiter limiter = new LogRateLimiter(Duration.ofSeconds(10), 3, this.clock::get);


	@Test
	void firstLineIsWritten() {
		assertThat(this.limiter.admit("cam", "internal")).isZero();
	}

	@Test
	void repeatsWithinIntervalAreSuppressed() {
		this.limiter.admit("cam", "internal");

		this.clock.addAndGet(9 * SECOND);

		assertThat(this.limiter.admit("cam", "internal")).isEqualTo(LogRateLimiter.SUPPRESS);
		assertThat(this.limiter.admit("cam", "internal")).isEqualTo(LogRateLimiter.SUPPRESS);
	}

	@Test
	void lineAfterIntervalCountsSuppressed() {
		this.limiter.admit("cam", "internal");
		for (int i = 0; i < 5; i++) {
			this.limiter.admit("cam", "internal");
		}

		this.clock.addAndGet(10 * SECOND);

		assertThat(this.limiter.admit("cam", "internal")).isEqualTo(5);
		assertThat(this.limiter.admit("cam", "internal")).isEqualTo(LogRateLimiter.SUPPRESS);
		this.clock.addAndGet(10 * SECOND);
		assertThat(this.limiter.admit("cam", "internal")).isEqualTo(1);
	}

	@Test
	void keysAreIndependent() {
		this.limiter.admit("cam", "internal");

		assertThat(this.limiter.admit("cam", "listener")).isZero();
		assertThat(this.limiter.admit("door", "internal")).isZero();
		assertThat(this.limiter.admit("cam", "internal")).isEqualTo(LogRateLimiter.SUPPRESS);
	}

	@Test
	void keyMapStaysBounded() {
		for (int i = 0; i < 100; i++) {
			this.limiter.admit("stream-" + i, "internal");
		}

		assertThat(this.limiter.keys()).isEqualTo(3);
		// The oldest key was forgotten, so its next line is written at once.
		assertThat(this.limiter.admit("stream-0", "internal")).isZero();
		assertThat(this.limiter.admit("stream-99", "internal")).isEqualTo(LogRateLimiter.SUPPRESS);
	}

	@Test
	void suppressedCountIsDescribed() {
		assertThat(LogRateLimiter.describeSuppressed(0)).isEmpty();
		assertThat(LogRateLimiter.describeSuppressed(7)).isEqualTo(" (7 similar lines suppressed)");
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LogRateLimiter(Duration.ZERO, 3, this.clock::get))
			.withMessageContaining("PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogRateLimiter(Duration.ofSeconds(1), 0, this.clock::get))
			.withMessageContaining("got 0");
	}

}
