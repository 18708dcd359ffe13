package io.poolstream.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.poolstream.web.ApiLimits;
import io.poolstream.web.EventStreamSettings;

/**
 * Hands the HTTP layer its limits and event-stream timing from the settings.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	@Bean
	ApiLimits apiLimits(LimitsProperties limits) {
		return new ApiLimits(limits.maxImageBytes().toBytes(), (int) Math.min(Integer.MAX_VALUE - 8,
				limits.maxFrameBytes().toBytes()), limits.maxStages(), limits.maxKernel(), limits.maxTensorElements());
	}

	@Bean
	EventStreamSettings eventStreamSettings(StreamsProperties streams) {
		return new EventStreamSettings(streams.heartbeat(), streams.retry());
	}

}
