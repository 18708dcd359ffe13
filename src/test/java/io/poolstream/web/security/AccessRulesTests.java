package io.poolstream.web.security;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTests {

	@Test
	void publicRoutesNeedNoScope() {
		assertThat(AccessRules.of(HttpMethod.GET, "/").scope()).isNull();
		assertThat(AccessRules.of(HttpMethod.GET, "/app.js").scope()).isNull();
		assertThat(AccessRules.of(HttpMethod.GET, "/webjars/uplot/dist/uPlot.iife.min.js").scope()).isNull();
		assertThat(AccessRules.of(HttpMethod.GET, "/actuator/health").scope()).isNull();
		assertThat(AccessRules.of(HttpMethod.GET, "/actuator/health/liveness").scope()).isNull();
		assertThat(AccessRules.of(HttpMethod.OPTIONS, "/api/v1/streams/a/frames").scope()).isNull();
	}

	@Test
	void actuatorOtherThanHealthNeedsAdmin() {
		assertThat(AccessRules.of(HttpMethod.GET, "/actuator/prometheus").scope()).isEqualTo(Scope.ADMIN);
		assertThat(AccessRules.of(HttpMethod.GET, "/actuator").scope()).isEqualTo(Scope.ADMIN);
		assertThat(AccessRules.of(HttpMethod.GET, "/actuator/healthz").scope()).isEqualTo(Scope.ADMIN);
	}

	@Test
	void readRoutesNeedRead() {
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/streams").scope()).isEqualTo(Scope.READ);
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/streams/a").scope()).isEqualTo(Scope.READ);
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/streams/a/events").scope()).isEqualTo(Scope.READ);
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/streams/a/frames/latest").scope()).isEqualTo(Scope.READ);
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/streams/a/frames/3/source").scope()).isEqualTo(Scope.READ);
		assertThat(AccessRules.of(HttpMethod.POST, "/api/v1/streams/a/event-token").scope()).isEqualTo(Scope.READ);
	}

	@Test
	void streamChangesNeedIngestAndOwnership() {
		assertThat(AccessRules.of(HttpMethod.PUT, "/api/v1/streams/a")).isEqualTo(new AccessRules.Requirement(Scope.INGEST, "a"));
		assertThat(AccessRules.of(HttpMethod.DELETE, "/api/v1/streams/a")).isEqualTo(new AccessRules.Requirement(Scope.INGEST, "a"));
		assertThat(AccessRules.of(HttpMethod.POST, "/api/v1/streams/a/frames"))
			.isEqualTo(new AccessRules.Requirement(Scope.INGEST, "a"));
		assertThat(AccessRules.of(HttpMethod.PUT, "/api/v1/streams/a/source"))
			.isEqualTo(new AccessRules.Requirement(Scope.INGEST, "a"));
		assertThat(AccessRules.of(HttpMethod.DELETE, "/api/v1/streams/a/source"))
			.isEqualTo(new AccessRules.Requirement(Scope.INGEST, "a"));
	}

	@Test
	void poolingNeedsIngestWithoutOwnership() {
		assertThat(AccessRules.of(HttpMethod.POST, "/api/v1/pool")).isEqualTo(new AccessRules.Requirement(Scope.INGEST, null));
		assertThat(AccessRules.of(HttpMethod.POST, "/api/v1/pool/tensor"))
			.isEqualTo(new AccessRules.Requirement(Scope.INGEST, null));
	}

	@Test
	void otherApiRoutesNeedAdmin() {
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v2/streams").scope()).isEqualTo(Scope.ADMIN);
		assertThat(AccessRules.of(HttpMethod.POST, "/api/v1/streams").scope()).isEqualTo(Scope.ADMIN);
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/streams/").scope()).isEqualTo(Scope.ADMIN);
		assertThat(AccessRules.of(HttpMethod.PATCH, "/api/v1/streams/a").scope()).isEqualTo(Scope.ADMIN);
		assertThat(AccessRules.of(HttpMethod.GET, "/api/v1/pool").scope()).isEqualTo(Scope.ADMIN);
	}

}
