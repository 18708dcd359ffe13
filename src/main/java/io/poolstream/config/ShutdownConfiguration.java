package io.poolstream.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.source.LoopingClipSource;
import io.poolstream.source.SourceManager;

/**
 * Drains the streams and ends event streams as soon as shutdown begins.
 *
 * <p>The context publishes {@link ContextClosedEvent} before the web server starts its graceful
 * shutdown, so the server still serves requests while this runs. In order: sources stop, ingress rejects
 * new frames (503 {@code shutting-down}), the frames already accepted are processed and their
 * results published, bounded by {@code poolstream.shutdown.drain-timeout}, and only then every
 * event stream gets its closing comment and ends. Without the last step every open dashboard
 * would hold the web server's graceful shutdown for its whole timeout, because an event stream
 * never ends by itself.
 */
@Configuration(proxyBeanMethods = false)
public class ShutdownConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownConfiguration.class);


	private final StreamRegistry registry;

	private final ResultHub hub;

	private final ObjectProvider<LoopingClipSource> clipSources;

	private final ObjectProvider<SourceManager> pullSources;

	private final Duration drainTimeout;


	ShutdownConfiguration(StreamRegistry registry, ResultHub hub, ObjectProvider<LoopingClipSource> clipSources,
			ObjectProvider<SourceManager> pullSources, ShutdownProperties properties) {
		this.registry = registry;
		this.hub = hub;
		this.clipSources = clipSources;
		this.pullSources = pullSources;
		this.drainTimeout = properties.drainTimeout();
	}


	/**
	 * Runs on the thread that closes the context, never an event loop, so waiting for the drain
	 * here is allowed, and it delays the rest of shutdown until the drain ends.
	 */
	@EventListener(ContextClosedEvent.class)
	void drainAndEndStreams() {
		logger.info("Shutting down: stopping sources and ingress, finishing {} accepted frames within {}",
				this.registry.framesHeld(), this.drainTimeout);
		this.clipSources.forEach(LoopingClipSource::close);
		this.pullSources.forEach(SourceManager::close);

		Boolean drained = this.registry.drain(this.drainTimeout).block();
		if (Boolean.TRUE.equals(drained)) {
			logger.info("Shutting down: every accepted frame finished; closing event streams");
		}
		else {
			logger.warn("Shutting down: {} frames were still in processing after poolstream.shutdown.drain-timeout "
					+ "of {}; they are cancelled and their results are not sent", this.registry.framesHeld(),
					this.drainTimeout);
		}
		this.hub.close();
	}

}
