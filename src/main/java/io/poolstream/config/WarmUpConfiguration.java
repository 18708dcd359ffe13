package io.poolstream.config;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.poolstream.codec.ConcatenatedJpegSplitter;
import io.poolstream.pipeline.FrameProcessor;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pipeline.WarmUp;

/**
 * Warms the decode, pool and encode path at startup and delays readiness until it is done.
 *
 * <p>The warm-up runs in the background on the processing scheduler, so startup and the demo
 * stream do not wait for it. The {@code warmUp} health indicator is out of service until it ends,
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

	private volatile Health state = Health.outOfService().withDetail("warmUp", "not started").build();

	private volatile Disposable running = () -> { };


	WarmUpConfiguration(WarmUpProperties properties, FrameProcessor processor, StreamRegistry registry,
			ProcessingProperties processing, ResourceLoader resourceLoader) {
		this.properties = properties;
		this.processor = processor;
		this.registry = registry;
		this.processing = processing;
		this.resourceLoader = resourceLoader;
	}


	@Bean
	HealthIndicator warmUpHealthIndicator() {
		return () -> this.state;
	}

	@EventListener(ApplicationStartedEvent.class)
	void startWarmUp() throws IOException {
		if (!this.properties.enabled()) {
			this.state = Health.up().withDetail("warmUp", "disabled").build();
			return;
		}
		this.state = Health.outOfService().withDetail("warmUp", "running").build();
		WarmUp warmUp = new WarmUp(this.processor, readClip(), Clock.systemUTC());
		StreamSettings defaults = this.registry.defaults();
		// Inline output also warms the data URL encoding, which dashboards and the demo use.
		StreamSettings settings = new StreamSettings(defaults.stages(), defaults.outputFormat(), true,
				defaults.policy(), defaults.capacity(), defaults.retention());
		long start = System.nanoTime();
		this.running = warmUp.run(this.properties.frames(), this.processing.resolvedThreads(), settings)
			.subscribe((frames) -> {
				long millis = (System.nanoTime() - start) / 1_000_000;
				logger.info("Warm-up processed {} frames in {} ms; ready for traffic", frames, millis);
				this.state = Health.up().withDetail("warmUp", "done").withDetail("frames", frames)
					.withDetail("millis", millis).build();
			}, (failure) -> {
				logger.warn("Stream {} failed, so readiness is reported without it", WarmUp.STREAM, failure);
				this.state = Health.up().withDetail("warmUp", "failed").build();
			});
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
