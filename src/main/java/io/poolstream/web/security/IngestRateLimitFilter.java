package io.poolstream.web.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Limits the rate of ingest requests per key, or per client address for requests without a key,
 * with a token bucket each, and rejects a request over the rate with 429 and {@code Retry-After}.
 *
 * <p>It counts requests, not frames: a long {@code multipart/x-mixed-replace} upload is one
 * request however many frames it carries, and the stream's backpressure policy paces its frames.
 * The buckets live in a cache bounded by {@code trackedClients}, which forgets the least recently
 * used client first; a forgotten client starts again with a full bucket.
 */
public final class IngestRateLimitFilter implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(IngestRateLimitFilter.class);


	private final ClientAddresses addresses;

	private final int rate;

	private final int burst;

	private final Cache<String, Bucket> buckets;


	/**
	 * Creates the filter.
	 * @param rate requests per second per client, or 0 to let every request through
	 * @param burst requests a client may make at once, at least 1 unless the rate is 0
	 * @param trackedClients the most buckets kept
	 */
	public IngestRateLimitFilter(ClientAddresses addresses, int rate, int burst, int trackedClients) {
		if (rate < 0 || (rate > 0 && burst < 1)) {
			throw new IllegalArgumentException("ingest rate " + rate + " and burst " + burst
					+ " are invalid; give a positive rate and burst, or set poolstream.security.limits.ingest-rate "
					+ "to 0 to turn the limit off");
		}
		this.addresses = addresses;
		this.rate = rate;
		this.burst = burst;
		// Maintenance runs on the calling thread, so no pool thread is involved and nothing waits.
		this.buckets = Caffeine.newBuilder().maximumSize(trackedClients).executor(Runnable::run).build();
	}


	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		AccessRules.Requirement requirement = AccessRules.of(exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().pathWithinApplication().value());
		if (this.rate == 0 || !requirement.isIngest()) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map((principal) -> principal.getName())
			.defaultIfEmpty("address:" + this.addresses.of(exchange.getRequest()))
			.flatMap((client) -> {
				ConsumptionProbe probe = this.buckets.get(client, (key) -> newBucket()).tryConsumeAndReturnRemaining(1);
				if (probe.isConsumed()) {
					return chain.filter(exchange);
				}
				return reject(exchange, client, probe.getNanosToWaitForRefill());
			});
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(this.burst).refillGreedy(this.rate, Duration.ofSeconds(1)).build())
			.build();
	}

	private Mono<Void> reject(ServerWebExchange exchange, String client, long nanosToWait) {
		long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
		logger.debug("Rejected ingest request from {}: over {} requests per second", client, this.rate);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"more than " + this.rate + " ingest requests per second (burst " + this.burst + ") came from "
						+ client + ", the limit of poolstream.security.limits.ingest-rate; retry after " + seconds
						+ " s, or send frames in one long multipart/x-mixed-replace request");
	}

}
