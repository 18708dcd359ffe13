package io.poolstream.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import io.poolstream.hub.ResultHub;
import io.poolstream.source.LoopingClipSource;

/**
 * Ends event streams and stops sources as soon as shutdown begins.
 *
 * <p>Graceful shutdown waits for requests in flight, and an event stream never ends by itself,
 * so without this every open dashboard would hold shutdown for its whole timeout. The context
 * publishes {@link ContextClosedEvent} before the web server starts its graceful shutdown.
 */
@Configuration(proxyBeanMethods = false)
public class ShutdownConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownConfiguration.class);


	private final ResultHub hub;

	private final ObjectProvider<LoopingClipSource> clipSources;


	ShutdownConfiguration(ResultHub hub, ObjectProvider<LoopingClipSource> clipSources) {
		this.hub = hub;
		this.clipSources = clipSources;
	}


	@EventListener(ContextClosedEvent.class)
	void endStreams() {
		logger.info("Shutting down: stopping sources and closing event streams");
		this.clipSources.forEach(LoopingClipSource::close);
		this.hub.close();
	}

}
