package io.poolstream.web.security;

import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Lets an ingest key change only the streams it owns, and caps the pull sources per key.
 *
 * <p>Runs after authorization, on requests that {@link AccessRules} marks as changing a stream.
 * The first key to create a stream, by PUT or by a first frame push, owns it, until the stream is
 * deleted. An {@code admin} key may change any stream and has no source cap.
 */
public final class StreamOwnershipFilter implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(StreamOwnershipFilter.class);


	private final StreamOwners owners;

	private final Predicate<String> hasSource;

	private final int maxSourcesPerKey;


	/**
	 * Creates the filter.
	 * @param hasSource returns whether a stream has a pull source now
	 * @param maxSourcesPerKey pull sources one key may attach, 0 for no cap
	 */
	public StreamOwnershipFilter(StreamOwners owners, Predicate<String> hasSource, int maxSourcesPerKey) {
		this.owners = owners;
		this.hasSource = hasSource;
		this.maxSourcesPerKey = maxSourcesPerKey;
	}


	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		AccessRules.Requirement requirement = AccessRules.of(exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().pathWithinApplication().value());
		String stream = requirement.ownedStream();
		if (stream == null) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.flatMap((authentication) -> check(exchange, authentication, stream))
			.defaultIfEmpty(true)
			.flatMap((allowed) -> allowed ? chain.filter(exchange).then(Mono.fromRunnable(() -> releaseIfDeleted(exchange,
					stream))) : Mono.empty());
	}

	private void releaseIfDeleted(ServerWebExchange exchange, String stream) {
		boolean deletesStream = HttpMethod.DELETE.equals(exchange.getRequest().getMethod())
				&& !exchange.getRequest().getPath().pathWithinApplication().value().endsWith("/source");
		if (deletesStream && HttpStatus.NO_CONTENT.equals(exchange.getResponse().getStatusCode())) {
			this.owners.release(stream);
		}
	}

	/**
	 * Completes with {@code true} to let the request through, or writes a problem and completes with {@code false}.
	 */
	private Mono<Boolean> check(ServerWebExchange exchange, Authentication authentication, String stream) {
		if (authentication.getAuthorities().contains(Scope.ADMIN.authority())) {
			return Mono.just(true);
		}
		String owner = authentication.getName();
		if (!this.owners.claim(stream, owner)) {
			logger.info("Rejected {} {} by {}: stream {} belongs to another key", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), owner, stream);
			return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "not-stream-owner", "Not stream owner",
					"stream '" + stream + "' belongs to another key; use a stream id of your own, or an admin key")
				.then(Mono.just(false));
		}
		boolean attachesSource = HttpMethod.PUT.equals(exchange.getRequest().getMethod())
				&& exchange.getRequest().getPath().pathWithinApplication().value().endsWith("/source") && !this.hasSource.test(stream);
		if (attachesSource && this.maxSourcesPerKey > 0 && this.owners.count(owner, this.hasSource) >= this.maxSourcesPerKey) {
			// NOTE: two attaches that race can both pass this count, so a key may briefly hold one source more.
			return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-sources", "Too many sources",
					"key '" + owner + "' already has " + this.maxSourcesPerKey + " pull sources, the limit of "
							+ "poolstream.security.limits.max-sources-per-key; delete one with DELETE "
							+ "/api/v1/streams/{id}/source first")
				.then(Mono.just(false));
		}
		return Mono.just(true);
	}

}
