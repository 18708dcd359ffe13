package io.poolstream.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.OutcomeListener;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.transport.InProcessTransport;
import io.poolstream.transport.StreamTransport;

/**
 * Builds the in-process transport, the default: ingress offers frames straight to this
 * instance's registry, and outcomes go straight to its result hub.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "poolstream.transport", havingValue = "in-process", matchIfMissing = true)
public class TransportConfiguration {

	/**
	 * Receives the outcomes of this instance's pipelines. The hub is closed as its own bean.
	 */
	@Bean(destroyMethod = "")
	OutcomeListener pipelineOutcomes(ResultHub hub) {
		return hub;
	}

	@Bean
	StreamTransport streamTransport(StreamRegistry registry) {
		return new InProcessTransport(registry);
	}

}
