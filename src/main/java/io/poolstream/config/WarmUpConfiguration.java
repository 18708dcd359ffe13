package io.poolstream.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.poolstream.codec.ConcatenatedJpegSplitter;
import io.poolstream.pipeline.FrameProcessor;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pipeline.WarmUp;

/**
 * Warms the decode, pool and encode path at startup, then the HTTP path through a loopback
 * connection, and delays readiness until both are done.
 *
 * <p>The first phase runs on the processing scheduler and the second on Reactor Netty's event
 * loops, both in the background, so startup and the demo stream do not wait for them. The second
 * phase, {@link LoopbackWarmUp}, connects only to a loopback address of this server. It is skipped,
 * with a log line, when the server listens on another address only, uses TLS, requires
 * credentials, or runs on Kafka, whose other instances would see the temporary stream. The {@code warmUp} health indicator is out of service until it ends,
 * and {@code application.yml} adds it to the readiness group, so
 * {@code /actuator/health/readiness} returns 503 until then. A load balancer or a load script that
 * waits for readiness therefore sends its first frames to compiled code. A warm-up that fails is
 * logged and ends the wait all the same, because a server that cannot warm up can still serve.
 */
@Configuration(proxyBeanMethods = false)
public class WarmUpConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WarmUpConfiguration.class);


	private final WarmUpProperties properties;

	private final FrameProcessor processor;

	private final StreamRegistry registry;

	private final ProcessingProperties processing;

	private final ResourceLoader resourceLoader;

	private final SecurityProperties security;

	private final TransportProperties transport;

	private final Environment environment;

	private volatile Health state = Health.outOfService().withDetail("warmUp", "not started").build();

	private volatile Disposable running = () -> { };


	WarmUpConfiguration(WarmUpProperties properties, FrameProcessor processor, StreamRegistry registry,
			ProcessingProperties processing, ResourceLoader resourceLoader, SecurityProperties security,
			TransportProperties transport, Environment environment) {
		this.properties = properties;
		this.processor = processor;
		this.registry = registry;
		this.processing = processing;
		this.resourceLoader = resourceLoader;
		this.security = security;
		this.transport = transport;
		this.environment = environment;
	}


	@Bean
	HealthIndicator warmUpHealthIndicator() {
		return () -> this.state;
	}

	@EventListener
	void startWarmUp(ApplicationStartedEvent event) throws IOException {
		if (!this.properties.enabled()) {
			this.state = Health.up().withDetail("warmUp", "disabled").build();
			return;
		}
		this.state = Health.outOfService().withDetail("warmUp", "running").build();
		List<byte[]> clip = readClip();
		WarmUp warmUp = new WarmUp(this.processor, clip, Clock.systemUTC());
		Mono<Long> loopback = loopbackWarmUp(event, clip);
		StreamSettings defaults = this.registry.defaults();
		// Inline output also warms the data URL encoding, which dashboards and the demo use.
		StreamSettings settings = new StreamSettings(defaults.stages(), defaults.outputFormat(), true,
				defaults.policy(), defaults.capacity(), defaults.retention());
		long start = System.nanoTime();
		this.running = warmUp.run(this.properties.frames(), this.processing.resolvedThreads(), settings)
			.zipWhen((frames) -> loopback.defaultIfEmpty(0L))
			.subscribe((counts) -> {
				long millis = (System.nanoTime() - start) / 1_000_000;
				logger.info("Warm-up processed {} frames and sent {} events over loopback in {} ms; ready for traffic",
						counts.getT1(), counts.getT2(), millis);
				this.state = Health.up().withDetail("warmUp", "done").withDetail("frames", counts.getT1())
					.withDetail("loopbackEvents", counts.getT2()).withDetail("millis", millis).build();
			}, (failure) -> {
				logger.warn("Stream {} failed, so readiness is reported without it", WarmUp.STREAM, failure);
				this.state = Health.up().withDetail("warmUp", "failed").build();
			});
	}

	/**
	 * Returns the loopback phase, or logs why it is skipped and returns an empty mono.
	 */
	private Mono<Long> loopbackWarmUp(ApplicationStartedEvent event, List<byte[]> clip) {
		int frames = this.properties.loopbackFrames();
		String skipped = null;
		String host = null;
		if (frames == 0) {
			return Mono.empty();
		}
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			skipped = "the application runs no web server";
		}
		else if (this.transport.transport() != TransportProperties.Transport.IN_PROCESS) {
			skipped = "other instances on the Kafka transport would see its temporary stream";
		}
		else if (this.security.enabled()) {
			skipped = "poolstream.security.enabled requires credentials on every request";
		}
		else if (this.environment.getProperty("server.ssl.enabled", Boolean.class, false)) {
			skipped = "the server uses TLS";
		}
		else if ((host = loopbackHost(this.environment.getProperty("server.address"))) == null) {
			skipped = "server.address " + this.environment.getProperty("server.address") + " is not a loopback or wildcard address";
		}
		if (skipped != null) {
			logger.info("Loopback warm-up skipped because {}; set poolstream.warm-up.loopback-frames=0 to silence this",
					skipped);
			return Mono.empty();
		}

		int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
		String basePath = this.environment.getProperty("spring.webflux.base-path", "");
		String stream = WarmUp.STREAM + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
		LoopbackWarmUp warmUp = new LoopbackWarmUp("http://" + host + ":" + port + basePath, stream, clip);
		return warmUp.run(frames, loopbackSubscribers(), this.properties.loopbackTimeout());
	}

	/**
	 * Returns the address to reach a server bound to {@code address} on, in URL form, or null when
	 * the server does not listen on a loopback address. Only IP literals are parsed, so no name is
	 * looked up.
	 */
	static @Nullable String loopbackHost(@Nullable String address) {
		if (address == null || address.isBlank()) {
			return "127.0.0.1";
		}
		String literal = address.trim();
		if (literal.equalsIgnoreCase("localhost")) {
			return "127.0.0.1";
		}
		if (!literal.matches("[0-9.]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?")) {
			return null;
		}
		InetAddress parsed;
		try {
			parsed = InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			return null;
		}
		if (parsed.isAnyLocalAddress()) {
			return "127.0.0.1";
		}
		if (!parsed.isLoopbackAddress()) {
			return null;
		}
		String host = parsed.getHostAddress();
		return host.contains(":") ? "[" + host + "]" : host;
	}

	/**
	 * Returns the configured number of loopback subscribers, lowered to the event stream limits
	 * so that none is rejected.
	 */
	private int loopbackSubscribers() {
		int subscribers = this.properties.loopbackSubscribers();
		SecurityProperties.Limits limits = this.security.limits();
		if (limits.maxEventStreamsPerClient() > 0) {
			subscribers = Math.min(subscribers, limits.maxEventStreamsPerClient());
		}
		if (limits.maxEventStreams() > 0) {
			subscribers = Math.min(subscribers, limits.maxEventStreams());
		}
		return subscribers;
	}

	private List<byte[]> readClip() throws IOException {
		Resource clip = this.resourceLoader.getResource(this.properties.clip());
		byte[] bytes;
		try (InputStream input = clip.getInputStream()) {
			bytes = input.readAllBytes();
		}
		List<byte[]> frames = new ArrayList<>();
		ConcatenatedJpegSplitter splitter = new ConcatenatedJpegSplitter(Math.max(1, bytes.length));
		splitter.feed(bytes, 0, bytes.length, frames::add);
		splitter.finish(frames::add);
		if (frames.isEmpty()) {
			throw new IllegalArgumentException("poolstream.warm-up.clip " + this.properties.clip()
					+ " contains no JPEG frame; point it at a concatenated-JPEG clip or set poolstream.warm-up.enabled=false");
		}
		return frames;
	}

	/**
	 * Stops a warm-up still running at shutdown.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopWarmUp() {
		this.running.dispose();
	}

}
