package io.poolstream.config;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.util.retry.Retry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.StageSyntax;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.source.LoopingClipSource;
import io.poolstream.transport.StreamTransport;

/**
 * Starts the demo stream, which plays the bundled clip so a fresh start shows live results.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "poolstream.demo.enabled", matchIfMissing = true)
public class DemoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DemoConfiguration.class);


	private final DemoProperties demo;

	private final StreamTransport transport;

	private final StreamsProperties streams;

	private volatile Disposable startup = Disposables.disposed();


	DemoConfiguration(DemoProperties demo, StreamTransport transport, StreamsProperties streams) {
		this.demo = demo;
		this.transport = transport;
		this.streams = streams;
	}


	@Bean(destroyMethod = "close")
	LoopingClipSource demoSource(ResourceLoader resourceLoader) throws IOException {
		Resource clip = resourceLoader.getResource(this.demo.clip());
		try (InputStream input = clip.getInputStream()) {
			return new LoopingClipSource(this.demo.stream(), input.readAllBytes(), this.demo.fps());
		}
	}

	/**
	 * Configures the demo stream through the transport, retrying while it is unavailable, then
	 * starts playing the clip into it. With the Kafka transport only the instances with the demo
	 * enabled play it, and every instance shows its results.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void startDemo(ApplicationReadyEvent event) {
		StreamSettings settings = new StreamSettings(StageSyntax.parse(this.demo.pipeline()), ImageFormat.JPEG, true,
				BackpressurePolicy.LATEST, 1, this.streams.defaultRetention());
		LoopingClipSource source = event.getApplicationContext().getBean(LoopingClipSource.class);
		this.startup = this.transport.put(this.demo.stream(), settings)
			.doOnError((failure) -> logger.warn("Stream {} demo not configured yet, retrying: {}", this.demo.stream(),
					failure.getMessage()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
			.subscribe((created) -> source.start(this.transport::offer));
	}

	@PreDestroy
	void stopDemo() {
		this.startup.dispose();
	}

}
