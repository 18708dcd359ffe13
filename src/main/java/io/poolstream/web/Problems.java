package io.poolstream.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details with a stable {@code type} per kind of failure.
 */
final class Problems {

	static final String TYPE_BASE = "https://poolstream.dev/problems/";


	private Problems() {
	}


	static ProblemDetail of(int status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
		problem.setType(URI.create(TYPE_BASE + slug));
		problem.setTitle(title);
		return problem;
	}

}
