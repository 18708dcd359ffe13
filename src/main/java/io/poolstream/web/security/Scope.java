package io.poolstream.web.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A permission that an API key or a bearer token carries.
 */
public enum Scope {

	/** Push frames, pool images, and create, change and delete one's own streams and sources. */
	INGEST,

	/** List and describe streams, subscribe to events and fetch results. */
	READ,

	/** Everything, including other keys' streams and the actuator endpoints other than health. */
	ADMIN;


	/**
	 * Returns the scope's name as written in configuration and tokens, such as {@code ingest}.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the Spring Security authority that stands for this scope.
	 */
	public GrantedAuthority authority() {
		return new SimpleGrantedAuthority("SCOPE_" + value());
	}

	/**
	 * Parses a scope name such as {@code read}.
	 * @throws IllegalArgumentException unless the name is {@code ingest}, {@code read} or {@code admin}
	 */
	public static Scope parse(String value) {
		for (Scope scope : values()) {
			if (scope.value().equals(value)) {
				return scope;
			}
		}
		throw new IllegalArgumentException("scope '" + value + "' is unknown; use ingest, read or admin");
	}

	/**
	 * Expands granted scopes into authorities, where {@code admin} implies the other two.
	 */
	static Set<Scope> expand(Set<Scope> granted) {
		return granted.contains(ADMIN) ? EnumSet.allOf(Scope.class) : EnumSet.copyOf(granted);
	}

}
