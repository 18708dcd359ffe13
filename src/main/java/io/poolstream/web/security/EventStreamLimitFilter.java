package io.poolstream.web.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Caps open event streams per client address and in total.
 *
 * <p>A connect over the per-client cap gets 429 and one over the total cap gets 503, both with
 * {@code Retry-After} and a problem detail. A browser's {@code EventSource} does not retry after
 * a non-200 response, which suits a cap: the page reports the error instead of reconnecting in
 * a loop. A stream counts from its connect until its response ends, by completion, error or the
 * client going away.
 */
public final class EventStreamLimitFilter implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(EventStreamLimitFilter.class);

	private static final String RETRY_SECONDS = "5";


	private final ClientAddresses addresses;

	private final int maxPerClient;

	private final int maxTotal;

	/** Open streams per client address; an entry is removed when its count returns to zero. */
	private final Map<String, Integer> perClient = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();


	/**
	 * Creates the filter.
	 * @param maxPerClient open streams per client address, 0 for no cap
	 * @param maxTotal open streams in total, 0 for no cap
	 */
	public EventStreamLimitFilter(ClientAddresses addresses, int maxPerClient, int maxTotal) {
		this.addresses = addresses;
		this.maxPerClient = maxPerClient;
		this.maxTotal = maxTotal;
	}


	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!isEventStream(exchange)) {
			return chain.filter(exchange);
		}
		String client = this.addresses.of(exchange.getRequest());

		if (this.maxTotal > 0 && this.total.incrementAndGet() > this.maxTotal) {
			this.total.decrementAndGet();
			logger.debug("Rejected event stream from {}: {} streams open in total", client, this.maxTotal);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_SECONDS);
			return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "too-many-event-streams",
					"Too many event streams", "the server has " + this.maxTotal + " event streams open, the limit of "
							+ "poolstream.security.limits.max-event-streams; retry later");
		}
		if (this.maxPerClient > 0 && this.perClient.merge(client, 1, Integer::sum) > this.maxPerClient) {
			release(client);
			logger.debug("Rejected event stream from {}: {} streams open from that address", client, this.maxPerClient);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_SECONDS);
			return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-event-streams",
					"Too many event streams", "client " + client + " has " + this.maxPerClient + " event streams open, "
							+ "the limit of poolstream.security.limits.max-event-streams-per-client; close one first");
		}
		return chain.filter(exchange).doFinally((signal) -> release(client));
	}

	private void release(String client) {
		if (this.maxTotal > 0) {
			this.total.decrementAndGet();
		}
		if (this.maxPerClient > 0) {
			this.perClient.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	private static boolean isEventStream(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		return HttpMethod.GET.equals(exchange.getRequest().getMethod()) && path.startsWith("/api/v1/streams/")
				&& path.endsWith("/events");
	}

}
