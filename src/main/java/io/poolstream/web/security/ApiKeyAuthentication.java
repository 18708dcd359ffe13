package io.poolstream.web.security;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API key: unauthenticated it carries the presented key, authenticated only the key's name.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final String name;

	private @Nullable String presentedKey;


	private ApiKeyAuthentication(String name, @Nullable String presentedKey, Collection<? extends GrantedAuthority> authorities,
			boolean authenticated) {
		super(authorities);
		this.name = name;
		this.presentedKey = presentedKey;
		setAuthenticated(authenticated);
	}


	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication("", key, List.of(), false);
	}

	static ApiKeyAuthentication authenticated(String keyName, Collection<? extends GrantedAuthority> authorities) {
		return new ApiKeyAuthentication("key:" + keyName, null, authorities, true);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.presentedKey;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.presentedKey = null;
	}

}
