package io.poolstream.web.security;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Decides which scope a request needs from its method and path, so that authorization, the
 * 403 message, ownership checks and the ingest rate limit all read one table.
 *
 * <p>Under {@code /api/}, each route of the v1 API needs {@code ingest} or {@code read} and any
 * other path needs {@code admin}. Under {@code /actuator/}, health is public and the rest needs
 * {@code admin}. Everything else, which is the dashboard, its WebJars and the OpenAPI document,
 * is public so that the dashboard can load and ask for a key.
 */
public final class AccessRules {

	private static final String STREAMS = "/api/v1/streams/";


	private AccessRules() {
	}


	/**
	 * Returns what a request needs.
	 */
	public static Requirement of(@Nullable HttpMethod method, String path) {
		if (HttpMethod.OPTIONS.equals(method)) {
			return Requirement.PUBLIC;
		}
		if (path.startsWith("/actuator")) {
			boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
			return health ? Requirement.PUBLIC : new Requirement(Scope.ADMIN, null);
		}
		if (!path.startsWith("/api/")) {
			return Requirement.PUBLIC;
		}
		if (HttpMethod.POST.equals(method) && (path.equals("/api/v1/pool") || path.equals("/api/v1/pool/tensor"))) {
			return new Requirement(Scope.INGEST, null);
		}
		if (HttpMethod.GET.equals(method) && path.equals("/api/v1/streams")) {
			return new Requirement(Scope.READ, null);
		}
		if (path.startsWith(STREAMS)) {
			return ofStream(method, path.substring(STREAMS.length()));
		}
		return new Requirement(Scope.ADMIN, null);
	}

	private static Requirement ofStream(@Nullable HttpMethod method, String rest) {
		int slash = rest.indexOf('/');
		String id = (slash < 0) ? rest : rest.substring(0, slash);
		String tail = (slash < 0) ? "" : rest.substring(slash);
		if (id.isEmpty()) {
			return new Requirement(Scope.ADMIN, null);
		}
		boolean read = HttpMethod.GET.equals(method);
		boolean write = HttpMethod.PUT.equals(method) || HttpMethod.DELETE.equals(method);
		if (tail.isEmpty() || tail.equals("/source")) {
			if (read && tail.isEmpty()) {
				return new Requirement(Scope.READ, null);
			}
			if (write) {
				return new Requirement(Scope.INGEST, id);
			}
		}
		if (tail.equals("/frames") && HttpMethod.POST.equals(method)) {
			return new Requirement(Scope.INGEST, id);
		}
		if (read && (tail.equals("/events") || tail.startsWith("/frames/"))) {
			return new Requirement(Scope.READ, null);
		}
		if (tail.equals("/event-token") && HttpMethod.POST.equals(method)) {
			return new Requirement(Scope.READ, null);
		}
		return new Requirement(Scope.ADMIN, null);
	}


	/**
	 * The scope and ownership that one request needs.
	 *
	 * @param scope the scope needed, or {@code null} for a public route
	 * @param ownedStream the stream that the request changes, which must belong to the caller
	 * unless the caller is an admin, or {@code null}
	 */
	public record Requirement(@Nullable Scope scope, @Nullable String ownedStream) {

		static final Requirement PUBLIC = new Requirement(null, null);

		/**
		 * Tells whether the request is an ingest request, which the ingest rate limit counts.
		 */
		public boolean isIngest() {
			return this.scope == Scope.INGEST;
		}

	}

}
