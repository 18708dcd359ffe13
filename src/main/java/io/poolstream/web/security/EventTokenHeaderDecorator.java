package io.poolstream.web.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Moves an event token from the {@code token} query parameter into the {@code X-Event-Token}
 * request header before any of Spring's handlers receives the request.
 *
 * <p>Spring WebFlux logs each request's URL, query included, at DEBUG, so a token left in the
 * query would reach the log of anyone who turns DEBUG on. Reactor Netty's access log reads the
 * URL from the connection itself, which is why {@link RedactingAccessLog} redacts it there.
 */
public final class EventTokenHeaderDecorator implements HttpHandlerDecoratorFactory {

	/** The header that carries the token once it is out of the query. */
	public static final String HEADER = "X-Event-Token";

	private static final String PARAMETER = EventTokenAuthenticator.PARAMETER + "=";


	@Override
	public HttpHandler apply(HttpHandler handler) {
		return (request, response) -> handler.handle(moveToken(request), response);
	}

	/**
	 * Returns the request without its {@code token} query parameter and with the first token's value in the header.
	 */
	static ServerHttpRequest moveToken(ServerHttpRequest request) {
		String query = request.getURI().getRawQuery();
		if (query == null || !query.contains(PARAMETER)) {
			return request;
		}
		String token = null;
		List<String> otherParameters = new ArrayList<>();
		for (String parameter : query.split("&")) {
			if (parameter.startsWith(PARAMETER)) {
				if (token == null) {
					token = UriUtils.decode(parameter.substring(PARAMETER.length()), StandardCharsets.UTF_8);
				}
			}
			else {
				otherParameters.add(parameter);
			}
		}
		if (token == null) {
			return request;
		}
		@Nullable String remaining = otherParameters.isEmpty() ? null : String.join("&", otherParameters);
		URI uri = UriComponentsBuilder.fromUri(request.getURI()).replaceQuery(remaining).build(true).toUri();
		String value = token;
		return request.mutate().uri(uri).headers((headers) -> headers.set(HEADER, value)).build();
	}

}
