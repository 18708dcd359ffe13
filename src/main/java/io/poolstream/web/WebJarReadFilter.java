package io.poolstream.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Handles requests for WebJar files, such as the dashboard's uPlot, on the bounded elastic
 * scheduler instead of a Netty event loop.
 *
 * <p>To resolve a path without a version, such as {@code /webjars/uplot/dist/uPlot.min.css},
 * Spring's {@code LiteWebJarsResourceResolver} has webjars-locator-lite 1.1 read the WebJar's
 * {@code pom.properties} from its JAR file, which is blocking file I/O. The locator caches the
 * version it found, so only the first request for each WebJar reads the file.
 */
@Component
class WebJarReadFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/webjars/")) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
	}

}
