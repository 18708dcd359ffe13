package io.poolstream.web.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Mints and checks short-lived tokens that open one stream's event stream, because a browser's
 * {@code EventSource} cannot send an API key header.
 *
 * <p>A token is {@code <expiry>.<signature>}: the expiry in epoch seconds, and the base64url
 * HMAC-SHA256 of the stream id and that expiry. The stream id is not in the token, so a token is
 * valid only on the URL of the stream it was minted for. A token is checked when the event stream
 * opens; a stream that is already open stays open after the token expires.
 */
public final class EventTokens {

	private static final int MIN_SECRET_BYTES = 32;


	private final SecretKeySpec key;

	private final Duration lifetime;

	private final Clock clock;


	/**
	 * Creates the minter.
	 * @param secret the HMAC key of at least 32 bytes, or {@code null} for a random key made now
	 * @param lifetime how long a token stays valid, positive
	 * @param clock the clock for expiry
	 */
	public EventTokens(byte @Nullable [] secret, Duration lifetime, Clock clock) {
		if (secret != null && secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("the event token secret has " + secret.length + " bytes; use at least "
					+ MIN_SECRET_BYTES + " (poolstream.security.event-tokens.secret)");
		}
		if (lifetime.isZero() || lifetime.isNegative()) {
			throw new IllegalArgumentException("event token lifetime must be positive, got " + lifetime
					+ " (poolstream.security.event-tokens.lifetime)");
		}
		byte[] bytes = secret;
		if (bytes == null) {
			bytes = new byte[MIN_SECRET_BYTES];
			new SecureRandom().nextBytes(bytes);
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
		this.lifetime = lifetime;
		this.clock = clock;
		// Loads the MAC provider now, so the first request does not load classes on an event loop.
		sign("", 0);
	}


	/**
	 * Mints a token for a stream.
	 */
	public Token mint(String stream) {
		Instant expiresAt = this.clock.instant().plus(this.lifetime);
		long expiry = expiresAt.getEpochSecond();
		return new Token(expiry + "." + encode(sign(stream, expiry)), Instant.ofEpochSecond(expiry));
	}

	/**
	 * Checks whether a token was minted here for this stream and has not expired.
	 */
	public boolean verify(String stream, String token) {
		int dot = token.indexOf('.');
		if (dot <= 0 || dot == token.length() - 1) {
			return false;
		}
		long expiry;
		byte[] signature;
		try {
			expiry = Long.parseLong(token.substring(0, dot));
			signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		boolean signed = MessageDigest.isEqual(signature, sign(stream, expiry));
		return signed && this.clock.instant().getEpochSecond() < expiry;
	}

	private byte[] sign(String stream, long expiry) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal((stream + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", ex);
		}
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}


	/**
	 * A minted token and the instant it expires.
	 */
	public record Token(String value, Instant expiresAt) {

		/**
		 * Describes the token without its value, so that logging a token leaks nothing.
		 */
		@Override
		public String toString() {
			return "Token[expiresAt=" + this.expiresAt + "]";
		}

	}

}
