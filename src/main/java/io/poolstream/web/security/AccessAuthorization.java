package io.poolstream.web.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Grants a request when the caller's credential grants the scope that {@link AccessRules} names for it.
 */
public final class AccessAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		AccessRules.Requirement requirement = AccessRules.of(context.getExchange().getRequest().getMethod(),
				context.getExchange().getRequest().getPath().pathWithinApplication().value());
		Scope scope = requirement.scope();
		if (scope == null) {
			return Mono.just(new AuthorizationDecision(true));
		}
		return authentication.filter(Authentication::isAuthenticated)
			.map((granted) -> (AuthorizationResult) new AuthorizationDecision(
					granted.getAuthorities().contains(scope.authority())))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

}
