package io.poolstream.web.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Accepts a signed event token in the {@code token} query parameter of
 * {@code GET /api/v1/streams/{id}/events} and of the stream's result images under
 * {@code GET /api/v1/streams/{id}/frames/}, granting {@code read} for that one request. The
 * dashboard needs the images too, because an {@code <img>} cannot send a header either. By the
 * time this runs, {@link EventTokenHeaderDecorator} has moved the token into a header.
 */
public final class EventTokenAuthenticator implements ReactiveAuthenticationManager, ServerAuthenticationConverter {

	/** The query parameter that carries an event token. */
	public static final String PARAMETER = "token";

	private static final String PREFIX = "/api/v1/streams/";

	private static final String EVENTS = "/events";

	private static final String FRAMES = "/frames/";


	private final EventTokens tokens;


	public EventTokenAuthenticator(EventTokens tokens) {
		this.tokens = tokens;
	}


	/**
	 * Reads the token and the stream id from an event request, or completes empty for any other request.
	 */
	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		if (!HttpMethod.GET.equals(exchange.getRequest().getMethod())) {
			return Mono.empty();
		}
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!path.startsWith(PREFIX)) {
			return Mono.empty();
		}
		String rest = path.substring(PREFIX.length());
		int slash = rest.indexOf('/');
		if (slash <= 0) {
			return Mono.empty();
		}
		String stream = rest.substring(0, slash);
		String tail = rest.substring(slash);
		String token = exchange.getRequest().getHeaders().getFirst(EventTokenHeaderDecorator.HEADER);
		if (token == null || !(tail.equals(EVENTS) || tail.startsWith(FRAMES))) {
			return Mono.empty();
		}
		return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(stream, token));
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String stream = (String) authentication.getPrincipal();
		String token = (String) authentication.getCredentials();
		if (stream == null || token == null || !this.tokens.verify(stream, token)) {
			return Mono.error(new BadCredentialsException("the event token is not valid for stream '" + stream
					+ "' or has expired; mint a new one with POST /api/v1/streams/" + stream + "/event-token"));
		}
		return Mono.just(UsernamePasswordAuthenticationToken.authenticated("event-token:" + stream, null,
				List.of(Scope.READ.authority())));
	}

}
