package io.poolstream.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Checks API keys against their configured SHA-256 hashes.
 *
 * <p>A key arrives in the {@code X-API-Key} header or as {@code Authorization: ApiKey <key>}.
 * Keys are high-entropy random strings, so one SHA-256 is enough and a slow password hash such as
 * bcrypt would only burn an event loop's CPU. The presented key's hash is compared with every
 * configured hash in constant time, so the time taken does not tell how close a guess came.
 */
public final class ApiKeys implements ReactiveAuthenticationManager, ServerAuthenticationConverter {

	/** The header that carries an API key. */
	public static final String HEADER = "X-API-Key";

	private static final String AUTHORIZATION_PREFIX = "ApiKey ";


	private final List<Entry> entries;


	/**
	 * Creates the checker from configured keys.
	 * @throws IllegalArgumentException if a hash is not 64 hex digits or two keys share a name
	 */
	public ApiKeys(List<Entry> entries) {
		if (entries.stream().map(Entry::name).distinct().count() != entries.size()) {
			throw new IllegalArgumentException("two API keys share a name; give each key its own name");
		}
		this.entries = List.copyOf(entries);
		// Loads the digest provider now, so the first request does not load classes on an event loop.
		sha256("");
	}


	/**
	 * Reads the presented key from the request, or completes empty when there is none.
	 */
	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String key = headers.getFirst(HEADER);
		if (key == null) {
			String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
			if (authorization != null && authorization.regionMatches(true, 0, AUTHORIZATION_PREFIX, 0,
					AUTHORIZATION_PREFIX.length())) {
				key = authorization.substring(AUTHORIZATION_PREFIX.length());
			}
		}
		return (key != null) ? Mono.just(ApiKeyAuthentication.presented(key.trim())) : Mono.empty();
	}

	/**
	 * Authenticates a presented key, or signals {@link BadCredentialsException} when no configured key matches.
	 */
	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		if (!(credentials instanceof String key)) {
			return Mono.empty();
		}
		byte[] presented = sha256(key);
		Entry match = null;
		for (Entry entry : this.entries) {
			// Every entry is compared, with no early exit, so the time does not depend on which one matched.
			if (MessageDigest.isEqual(presented, entry.sha256()) && match == null) {
				match = entry;
			}
		}
		if (match == null) {
			return Mono.error(new BadCredentialsException("the API key is not valid; check the key, or ask the "
					+ "operator whether it was revoked"));
		}
		return Mono.just(ApiKeyAuthentication.authenticated(match.name(),
				Scope.expand(match.scopes()).stream().map(Scope::authority).toList()));
	}

	/**
	 * Returns the SHA-256 of a key's UTF-8 bytes.
	 */
	public static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}


	/**
	 * A configured key.
	 *
	 * @param name the key's name in logs, stream ownership and rate limits
	 * @param sha256 the SHA-256 of the key, 32 bytes
	 * @param scopes the scopes that the key grants
	 */
	public record Entry(String name, byte[] sha256, Set<Scope> scopes) {

		/**
		 * Creates an entry from the hex hash written in configuration.
		 */
		public static Entry of(String name, String sha256Hex, Set<Scope> scopes) {
			byte[] hash = HexFormat.of().parseHex(sha256Hex);
			if (hash.length != 32) {
				throw new IllegalArgumentException("the hash of API key '" + name + "' has " + hash.length
						+ " bytes; give the SHA-256 as 64 hex digits");
			}
			return new Entry(name, hash, Set.copyOf(scopes));
		}

	}

}
