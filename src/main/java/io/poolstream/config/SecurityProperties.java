package io.poolstream.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access control, security headers and abuse limits.
 *
 * <p>Access control is off by default, so the embedded demo needs no credentials. The security
 * headers and the abuse limits apply in both modes.
 *
 * @param enabled whether requests need an API key or a JWT bearer token
 * @param keys the API keys, each stored as the SHA-256 of the key
 * @param jwt how scopes are read from JWT bearer tokens; tokens are accepted only when
 * {@code spring.security.oauth2.resourceserver.jwt.*} configures a decoder
 * @param eventTokens the signed tokens that let a browser's {@code EventSource} open one stream's events
 * @param cors cross-origin access for dashboards served from other origins
 * @param headers the security headers on every response
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For}
 * header names the client; empty means the TCP peer is the client
 * @param limits the per-client and total abuse limits
 * @param accessLog whether Reactor Netty writes an access log line per request, with credential
 * query parameters such as event tokens redacted; the system property
 * {@code reactor.netty.http.server.accessLogEnabled} turns on the same redacted log
 */
@Validated
@ConfigurationProperties("poolstream.security")
public record SecurityProperties(
		@DefaultValue("false") boolean enabled,
		@NotNull @DefaultValue List<@Valid ApiKey> keys,
		@Valid @NotNull @DefaultValue Jwt jwt,
		@Valid @NotNull @DefaultValue EventTokens eventTokens,
		@Valid @NotNull @DefaultValue Cors cors,
		@Valid @NotNull @DefaultValue Headers headers,
		@NotNull @DefaultValue List<String> trustedProxies,
		@Valid @NotNull @DefaultValue Limits limits,
		@DefaultValue("false") boolean accessLog) {

	/**
	 * One API key.
	 *
	 * @param name the name that logs, stream owners and rate limits use for the key
	 * @param sha256 the SHA-256 of the key as 64 lowercase hex digits
	 * @param scopes any of {@code ingest}, {@code read} and {@code admin}
	 */
	public record ApiKey(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
			@NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be the SHA-256 of the key as 64 lowercase hex digits")
			String sha256,
			@NotEmpty Set<@Pattern(regexp = "ingest|read|admin") String> scopes) {

	}

	/**
	 * Scopes in JWT bearer tokens.
	 *
	 * @param scopeClaim the claim that lists scopes, as a space-separated string or an array
	 * @param scopePrefix the prefix of our scopes in that claim, so {@code poolstream:read} grants {@code read}
	 */
	public record Jwt(
			@NotBlank @DefaultValue("scope") String scopeClaim,
			@NotNull @DefaultValue("poolstream:") String scopePrefix) {

	}

	/**
	 * Signed event-stream tokens.
	 *
	 * @param secret the HMAC-SHA256 key, at least 32 characters. When it is unset, a random key is
	 * made at startup, so tokens stop working on restart. Instances behind one balancer need a shared secret.
	 * @param lifetime how long a token may be used to open its stream's events
	 */
	public record EventTokens(
			@Nullable String secret,
			@NotNull @DefaultValue("5m") Duration lifetime) {

	}

	/**
	 * Cross-origin resource sharing.
	 *
	 * @param allowedOrigins origins such as {@code https://dashboard.example.org} that may call
	 * the API from a browser; empty turns CORS off
	 */
	public record Cors(@NotNull @DefaultValue List<String> allowedOrigins) {

	}

	/**
	 * Security headers.
	 *
	 * @param hstsMaxAge the max-age of {@code Strict-Transport-Security}, sent on every response
	 * when positive; set it only when clients reach the service over TLS, such as through a
	 * TLS-terminating proxy
	 */
	public record Headers(@NotNull @DefaultValue("0s") Duration hstsMaxAge) {

	}

	/**
	 * Abuse limits, which apply whether access control is on or off. Zero turns a limit off.
	 *
	 * @param ingestRate requests per second that one key, or one client address without a key,
	 * may make to ingest routes: frame pushes, pooling, and stream and source changes
	 * @param ingestBurst requests that one key or client address may make at once before the rate applies
	 * @param trackedClients the most keys and client addresses whose buckets are kept; the least
	 * recently used is forgotten first, which resets its bucket
	 * @param maxEventStreamsPerClient open event streams per client address
	 * @param maxEventStreams open event streams in total
	 * @param maxSourcesPerKey pull sources on streams owned by one key, when access control is on
	 */
	public record Limits(
			@Min(0) @Max(1_000_000) @DefaultValue("200") int ingestRate,
			@Min(0) @Max(1_000_000) @DefaultValue("400") int ingestBurst,
			@Min(1) @Max(10_000_000) @DefaultValue("100000") int trackedClients,
			@Min(0) @Max(1_000_000) @DefaultValue("32") int maxEventStreamsPerClient,
			@Min(0) @Max(10_000_000) @DefaultValue("4096") int maxEventStreams,
			@Min(0) @Max(10_000) @DefaultValue("4") int maxSourcesPerKey) {

	}

}
