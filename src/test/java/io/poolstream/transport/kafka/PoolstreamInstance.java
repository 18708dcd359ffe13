package io.poolstream.transport.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.web.reactive.function.client.WebClient;

import io.poolstream.PoolstreamApplication;
import io.poolstream.codec.ConcatenatedJpegSplitter;

/**
 * One poolstream server started in this JVM on a random loopback port, with a client for its
 * HTTP API. Several instances share the JVM, each with its own application context.
 */
final class PoolstreamInstance implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT_TYPE =
			new ParameterizedTypeReference<>() {
			};


	final String name;

	final ConfigurableApplicationContext context;

	final WebClient client;


	private PoolstreamInstance(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + port)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}


	/**
	 * Starts an instance with the demo and the startup warm-up off, on a random port of 127.0.0.1,
	 * with extra properties. Health reports the warm-up as not ready, which the tests need not wait out.
	 */
	static PoolstreamInstance start(String name, Map<String, String> properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"poolstream.demo.enabled=false", "poolstream.warm-up.enabled=false",
				"spring.main.banner-mode=off"));
		properties.forEach((key, value) -> all.add(key + "=" + value));
		// Command-line arguments, because they override application.yml, which default properties do not.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PoolstreamApplication.class,
				OwnNettyResources.class)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
		return new PoolstreamInstance(name, context);
	}

	/**
	 * Starts an instance in Kafka mode on topics of its own prefix, with the short group timeouts
	 * that let a test see a rebalance within seconds.
	 */
	static PoolstreamInstance startKafka(String name, String bootstrapServers, String prefix) {
		return start(name, Map.ofEntries(Map.entry("poolstream.transport", "kafka"),
				Map.entry("spring.kafka.bootstrap-servers", bootstrapServers),
				Map.entry("poolstream.kafka.frames-topic", prefix + ".frames"),
				Map.entry("poolstream.kafka.settings-topic", prefix + ".settings"),
				Map.entry("poolstream.kafka.results-topic", prefix + ".results"),
				Map.entry("poolstream.kafka.group-id", prefix + "-workers"),
				Map.entry("poolstream.kafka.instance-id", prefix + "-" + name),
				Map.entry("poolstream.kafka.partitions", Integer.toString(KafkaTransportIntegrationTests.PARTITIONS)),
				Map.entry("spring.kafka.consumer.properties.session.timeout.ms", "6000"),
				Map.entry("spring.kafka.consumer.properties.heartbeat.interval.ms", "500"),
				Map.entry("spring.kafka.consumer.properties.metadata.max.age.ms", "1000")));
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Returns whether this instance reads its settings and results topics and takes part in the
	 * frames consumer group with at least one partition.
	 */
	boolean isConsuming() {
		for (String name : List.of("settingsListenerContainer", "resultsListenerContainer")) {
			KafkaMessageListenerContainer<?, ?> container = this.context.getBean(name, KafkaMessageListenerContainer.class);
			if (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
				return false;
			}
		}
		return !bean(FrameConsumerLoop.class).assignment().isEmpty();
	}

	JsonNode putStream(String stream, String body) {
		String response = this.client.put()
			.uri("/api/v1/streams/{id}", stream)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
		return json.readTree(response);
	}

	boolean hasStream(String stream) {
		return Boolean.TRUE.equals(this.client.get()
			.uri("/api/v1/streams/{id}", stream)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value() == 200))
			.block(TIMEOUT));
	}

	/**
	 * Pushes one JPEG image and returns the response: status and body.
	 */
	Response pushImage(String stream, byte[] jpeg) {
		return this.client.post()
			.uri("/api/v1/streams/{id}/frames", stream)
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(jpeg)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Response(response.statusCode().value(), body,
						response.headers().contentType().map(MediaType::toString).orElse(""))))
			.block(TIMEOUT);
	}

	/**
	 * Pushes a long body of concatenated JPEG frames and returns the upload counts.
	 */
	JsonNode pushBody(String stream, byte[] body) {
		String response = this.client.post()
			.uri("/api/v1/streams/{id}/frames", stream)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
		return json.readTree(response);
	}

	JsonNode health() {
		String response = this.client.get()
			.uri("/actuator/health")
			.exchangeToMono((reply) -> reply.bodyToMono(String.class))
			.block(TIMEOUT);
		return json.readTree(response);
	}

	int subscribers(String stream) {
		String response = this.client.get().uri("/api/v1/streams/{id}", stream).retrieve().bodyToMono(String.class)
			.block(TIMEOUT);
		return json.readTree(response).get("stats").get("subscribers").asInt();
	}

	/**
	 * Opens an event stream of one stream's named events; nothing is sent until subscription.
	 */
	Flux<ServerSentEvent<String>> events(String stream, @Nullable Long lastEventId) {
		return this.client.get()
			.uri("/api/v1/streams/{id}/events", stream)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				if (lastEventId != null) {
					headers.set("Last-Event-ID", Long.toString(lastEventId));
				}
			})
			.retrieve()
			.bodyToFlux(EVENT_TYPE)
			.filter((event) -> event.event() != null);
	}

	@Override
	public void close() {
		this.context.close();
	}

	static JsonNode parse(String body) {
		return json.readTree(body);
	}

	/**
	 * Reads the bundled demo clip, concatenated JPEG frames of a real road video.
	 */
	static byte[] clip() {
		try (InputStream input = PoolstreamInstance.class.getResourceAsStream("/demo/car-detection_10s.mjpeg")) {
			if (input == null) {
				throw new IllegalStateException("demo clip not found on the class path");
			}
			return input.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<byte[]> clipFrames() {
		byte[] clip = clip();
		List<byte[]> frames = new ArrayList<>();
		ConcatenatedJpegSplitter splitter = new ConcatenatedJpegSplitter(clip.length);
		splitter.feed(clip, 0, clip.length, frames::add);
		splitter.finish(frames::add);
		return frames;
	}

	/**
	 * Waits until a condition holds, failing with {@code what} after the timeout.
	 */
	static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted waiting until " + what, ex);
			}
		}
	}


	record Response(int status, String body, String contentType) {
	}

	/**
	 * Gives each instance its own Netty event loops. By default every server in a JVM shares
	 * Reactor Netty's global resources, and closing one instance would dispose them for all.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
		}

	}

}
