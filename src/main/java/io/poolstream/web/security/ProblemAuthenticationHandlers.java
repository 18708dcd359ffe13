package io.poolstream.web.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rejects a missing or invalid credential with 401 and a credential without the needed scope
 * with 403, both as problem details. A 401 carries one {@code WWW-Authenticate} challenge per
 * accepted scheme.
 */
public final class ProblemAuthenticationHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAuthenticationHandlers.class);


	private final List<String> challenges;


	/**
	 * Creates the handlers.
	 * @param bearerAccepted whether JWT bearer tokens are accepted, which adds a Bearer challenge
	 */
	public ProblemAuthenticationHandlers(boolean bearerAccepted) {
		this.challenges = bearerAccepted ? List.of("ApiKey realm=\"poolstream\"", "Bearer realm=\"poolstream\"")
				: List.of("ApiKey realm=\"poolstream\"");
	}


	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		exchange.getResponse().getHeaders().put(HttpHeaders.WWW_AUTHENTICATE, this.challenges);
		Scope scope = requiredScope(exchange);
		String needed = (scope != null) ? "the '" + scope.value() + "' scope" : "a valid credential";
		if (ex instanceof AuthenticationCredentialsNotFoundException || ex.getMessage() == null) {
			return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "authentication-required",
					"Authentication required", "this request needs a credential with " + needed + "; send an API key in "
							+ "the " + ApiKeys.HEADER + " header or a bearer token in the Authorization header");
		}
		logger.debug("Rejected credential for {} {}: {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value(), ex.getMessage());
		return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				describe(ex));
	}

	private static String describe(AuthenticationException ex) {
		String message = ex.getMessage();
		if (message != null && (message.startsWith("the API key") || message.startsWith("the event token"))) {
			return message;
		}
		// The resource server's messages about a bearer token name the failed check, such as an expired token.
		return "the bearer token was rejected: " + message + "; get a new token from the issuer";
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException ex) {
		Scope scope = requiredScope(exchange);
		String needed = (scope != null) ? scope.value() : "admin";
		logger.debug("Rejected {} {}: the credential lacks the {} scope", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value(), needed);
		return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
				"this request needs the '" + needed + "' scope, which the credential does not grant; use a key or "
						+ "token with that scope");
	}

	private static @Nullable Scope requiredScope(ServerWebExchange exchange) {
		return AccessRules.of(exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().pathWithinApplication().value()).scope();
	}

}
