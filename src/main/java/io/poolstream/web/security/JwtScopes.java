package io.poolstream.web.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps the scopes of a JWT bearer token to ours: with the default prefix, {@code poolstream:read}
 * in the scope claim grants {@code read}. Scopes without the prefix, and unknown ones, grant nothing.
 *
 * <p>The token's owner name is {@code jwt:} and the subject claim, which stream ownership uses.
 */
public final class JwtScopes implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final String claim;

	private final String prefix;


	/**
	 * Creates the mapper.
	 * @param claim the claim that lists scopes, as a space-separated string or an array of strings
	 * @param prefix the prefix of our scope names in that claim, possibly empty
	 */
	public JwtScopes(String claim, String prefix) {
		this.claim = claim;
		this.prefix = prefix;
	}


	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		Set<Scope> granted = EnumSet.noneOf(Scope.class);
		for (String value : values(jwt.getClaim(this.claim))) {
			if (value.startsWith(this.prefix)) {
				String name = value.substring(this.prefix.length());
				for (Scope scope : Scope.values()) {
					if (scope.value().equals(name)) {
						granted.add(scope);
					}
				}
			}
		}
		Set<Scope> expanded = granted.isEmpty() ? granted : Scope.expand(granted);
		return Mono.just(new JwtAuthenticationToken(jwt, expanded.stream().map(Scope::authority).toList(),
				"jwt:" + jwt.getSubject()));
	}

	private static List<String> values(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof String text) {
			for (String value : text.split(" ")) {
				if (!value.isEmpty()) {
					values.add(value);
				}
			}
		}
		else if (claim instanceof Collection<?> collection) {
			for (Object value : collection) {
				if (value instanceof String text) {
					values.add(text);
				}
			}
		}
		return values;
	}

}
