package io.poolstream.web.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 problem details from web filters, which run before the controllers' exception
 * handler could see an error. The types share the base of the controllers' problems.
 */
final class ProblemResponses {

	static final String TYPE_BASE = "https://poolstream.dev/problems/";

	private static final JsonMapper json = JsonMapper.builder().build();


	private ProblemResponses() {
	}


	/**
	 * Writes a problem and completes the response; headers such as {@code Retry-After} must be set before.
	 */
	static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", TYPE_BASE + slug);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", exchange.getRequest().getPath().value());
		byte[] bytes = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);

		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(bytes.length);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

}
