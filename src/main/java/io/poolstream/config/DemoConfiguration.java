package io.poolstream.config;

import java.io.IOException;
import java.io.InputStream;

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
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.source.LoopingClipSource;

/**
 * Starts the demo stream, which plays the bundled clip so a fresh start shows live results.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "poolstream.demo.enabled", matchIfMissing = true)
public class DemoConfiguration {

	private final DemoProperties demo;

	private final StreamRegistry registry;

	private final StreamsProperties streams;


	DemoConfiguration(DemoProperties demo, StreamRegistry registry, StreamsProperties streams) {
		this.demo = demo;
		this.registry = registry;
		this.streams = streams;
	}


	@Bean(destroyMethod = "close")
	LoopingClipSource demoSource(ResourceLoader resourceLoader) throws IOException {
		Resource clip = resourceLoader.getResource(this.demo.clip());
		try (InputStream input = clip.getInputStream()) {
			return new LoopingClipSource(this.demo.stream(), input.readAllBytes(), this.demo.fps());
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void startDemo(ApplicationReadyEvent event) {
		StreamSettings settings = new StreamSettings(StageSyntax.parse(this.demo.pipeline()), ImageFormat.JPEG, true,
				BackpressurePolicy.LATEST, 1, this.streams.defaultRetention());
		this.registry.put(this.demo.stream(), settings);
		event.getApplicationContext().getBean(LoopingClipSource.class).start(this.registry);
	}

}
