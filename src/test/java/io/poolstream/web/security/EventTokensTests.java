package io.poolstream.web.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTokensTests {

	private static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");


	@Test
	void tokenOpensItsStreamUntilExpiry() {
		EventTokens minter = new EventTokens(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

		EventTokens.Token token = minter.mint("camera-1");

		assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(300));
		assertThat(minter.verify("camera-1", token.value())).isTrue();
		assertThat(at(NOW.plusSeconds(299)).verify("camera-1", token.value())).isTrue();
		assertThat(at(NOW.plusSeconds(300)).verify("camera-1", token.value())).isFalse();
	}

	@Test
	void tokenIsBoundToItsStream() {
		EventTokens minter = at(NOW);

		String token = minter.mint("camera-1").value();

		assertThat(minter.verify("camera-2", token)).isFalse();
		assertThat(minter.verify("camera-1.", token)).isFalse();
	}

	@Test
	void tamperedTokensAreRejected() {
		EventTokens minter = at(NOW);
		String token = minter.mint("camera-1").value();
		String signature = token.substring(token.indexOf('.') + 1);
		long expiry = Long.parseLong(token.substring(0, token.indexOf('.')));

		assertThat(minter.verify("camera-1", (expiry + 3600) + "." + signature)).isFalse();
		assertThat(minter.verify("camera-1", expiry + "." + signature.substring(1))).isFalse();
		assertThat(minter.verify("camera-1", "")).isFalse();
		assertThat(minter.verify("camera-1", ".")).isFalse();
		assertThat(minter.verify("camera-1", "x." + signature)).isFalse();
		assertThat(minter.verify("camera-1", expiry + ".%%%")).isFalse();
	}

	@Test
	void otherSecretRejectsToken() {
		String token = at(NOW).mint("camera-1").value();
		byte[] other = "another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);

		assertThat(new EventTokens(other, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC))
			.verify("camera-1", token)).isFalse();
	}

	@Test
	void randomSecretsDifferPerInstance() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		EventTokens first = new EventTokens(null, Duration.ofMinutes(5), clock);
		EventTokens second = new EventTokens(null, Duration.ofMinutes(5), clock);

		assertThat(second.verify("camera-1", first.mint("camera-1").value())).isFalse();
	}

	@Test
	void shortSecretIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventTokens(new byte[16], Duration.ofMinutes(5), Clock.systemUTC()))
			.withMessageContaining("at least 32");
	}

	@Test
	void tokenToStringHidesValue() {
		EventTokens.Token token = at(NOW).mint("camera-1");

		assertThat(token.toString()).doesNotContain(token.value());
	}

	private static EventTokens at(Instant instant) {
		return new EventTokens(SECRET, Duration.ofMinutes(5), Clock.fixed(instant, ZoneOffset.UTC));
	}

}
