package io.poolstream.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event tokens stay out of the server's logs, with Spring, Spring Security and Reactor Netty
 * logging at DEBUG and the access log on.
 */
@TestPropertySource(properties = { "logging.level.org.springframework.web=DEBUG",
		"logging.level.org.springframework.http=DEBUG", "logging.level.org.springframework.security=DEBUG",
		"logging.level.reactor.netty=DEBUG", "logging.level.io.poolstream=DEBUG", "poolstream.security.access-log=true" })
class EventTokenLogTests extends ServerIntegrationTest {

	private static final SecurityFixture keys = new SecurityFixture();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};


	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();


	@DynamicPropertySource
	static void enableSecurity(DynamicPropertyRegistry registry) {
		keys.register(registry);
	}

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		rootLogger().addAppender(this.logs);
	}

	@AfterEach
	void stopCapturing() {
		rootLogger().detachAppender(this.logs);
	}

	private static Logger rootLogger() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	@Test
	void eventTokenNeverReachesLogs() throws Exception {
		byte[] body = this.client.post()
			.uri("/api/v1/streams/logged/event-token")
			.header("X-API-Key", keys.readKey)
			.exchange()
			.expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		JsonNode minted = json.readTree(body);
		String token = minted.get("token").asString();
		String signature = token.substring(token.indexOf('.') + 1);

		List<ServerSentEvent<String>> greeting = this.webClient.get()
			.uri(minted.get("url").asString())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT_TYPE)
			.take(1)
			.collectList()
			.toFuture()
			.get(60, TimeUnit.SECONDS);
		this.client.get().uri("/api/v1/streams/elsewhere/events?token=" + token).exchange()
			.expectStatus().isUnauthorized();
		StreamApi.awaitCondition(() -> messages().stream().anyMatch((line) -> line.contains("/events?token=[redacted]")));

		assertThat(greeting).hasSize(1);
		List<String> messages = messages();
		assertThat(messages).as("captured log lines").hasSizeGreaterThan(10);
		assertThat(messages).noneMatch((line) -> line.contains(signature));
		assertThat(messages).noneMatch((line) -> line.contains(keys.readKey));
	}

	private List<String> messages() {
		List<ILoggingEvent> events;
		// ListAppender appends under its own monitor, so the copy is taken under it too.
		synchronized (this.logs) {
			events = new ArrayList<>(this.logs.list);
		}
		List<String> messages = new ArrayList<>();
		for (ILoggingEvent event : events) {
			if (event.getLoggerName().startsWith("reactor.netty.http.client")) {
				// The test's own HTTP client logs the URLs it requests, tokens included; only the server's logs count here.
				continue;
			}
			messages.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				messages.add(String.valueOf(event.getThrowableProxy().getMessage()));
			}
		}
		return messages;
	}

}
