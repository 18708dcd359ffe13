package io.poolstream.web.security;

import java.time.Instant;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import io.poolstream.pipeline.StreamIds;

/**
 * Mints event tokens, with which a browser's {@code EventSource} opens one stream's events
 * without an API key header.
 */
@RestController
class EventTokenController {

	private final EventTokens tokens;


	EventTokenController(EventTokens tokens) {
		this.tokens = tokens;
	}


	/**
	 * Mints a token for one stream's event URL; it needs the {@code read} scope when access control is on.
	 */
	@PostMapping("/api/v1/streams/{id}/event-token")
	EventTokenResponse mint(@PathVariable String id) {
		StreamIds.requireValid(id);
		EventTokens.Token token = this.tokens.mint(id);
		String url = "/api/v1/streams/" + UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8)
				+ "/events?" + EventTokenAuthenticator.PARAMETER + "=" + token.value();
		return new EventTokenResponse(token.value(), token.expiresAt(), url);
	}


	/**
	 * A minted token, when it expires, and the event URL that carries it.
	 */
	record EventTokenResponse(String token, Instant expiresAt, String url) {

		@Override
		public String toString() {
			return "EventTokenResponse[expiresAt=" + this.expiresAt + "]";
		}

	}

}
