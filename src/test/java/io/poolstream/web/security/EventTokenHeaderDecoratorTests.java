package io.poolstream.web.security;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class EventTokenHeaderDecoratorTests {

	@Test
	void tokenMovesFromQueryToHeader() {
		ServerHttpRequest moved = EventTokenHeaderDecorator.moveToken(
				MockServerHttpRequest.get("/api/v1/streams/a/events?token=123.abc_-").build());

		assertThat(moved.getURI().getRawQuery()).isNull();
		assertThat(moved.getURI().getPath()).isEqualTo("/api/v1/streams/a/events");
		assertThat(moved.getHeaders().getFirst(EventTokenHeaderDecorator.HEADER)).isEqualTo("123.abc_-");
	}

	@Test
	void otherParametersStay() {
		ServerHttpRequest moved = EventTokenHeaderDecorator.moveToken(
				MockServerHttpRequest.get("/api/v1/streams/a/events?x=1&token=123.abc&y=2&token=999.def").build());

		assertThat(moved.getURI().getRawQuery()).isEqualTo("x=1&y=2");
		assertThat(moved.getHeaders().getFirst(EventTokenHeaderDecorator.HEADER)).isEqualTo("123.abc");
	}

	@Test
	void requestWithoutTokenIsUnchanged() {
		ServerHttpRequest request = MockServerHttpRequest.get("/api/v1/streams/a/events?mytoken=1").build();

		assertThat(EventTokenHeaderDecorator.moveToken(request)).isSameAs(request);
	}

	@Test
	void accessLogRedactsTokens() {
		assertThat(RedactingAccessLog.redact("/api/v1/streams/a/events?token=123.abc&x=1"))
			.isEqualTo("/api/v1/streams/a/events?token=[redacted]&x=1");
		assertThat(RedactingAccessLog.redact("/x?a=1&access_token=eyJ.x.y")).isEqualTo("/x?a=1&access_token=[redacted]");
		assertThat(RedactingAccessLog.redact("/x?mytoken=1")).isEqualTo("/x?mytoken=1");
	}

}
