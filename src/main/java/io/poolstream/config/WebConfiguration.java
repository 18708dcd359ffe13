package io.poolstream.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import io.poolstream.web.ApiLimits;
import io.poolstream.web.EventStreamSettings;

/**
 * Hands the HTTP layer its limits and event-stream timing from the settings.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "poolstream API", version = "v1",
		description = "Pools images and live frame streams; results arrive as server-sent events."))
public class WebConfiguration {

	@Bean
	ApiLimits apiLimits(LimitsProperties limits, Environment environment) {
		DataSize json = environment.getProperty("spring.http.codecs.max-in-memory-size", DataSize.class,
				DataSize.ofKilobytes(256));
		return new ApiLimits(limits.maxImageBytes().toBytes(), (int) Math.min(Integer.MAX_VALUE - 8,
				limits.maxFrameBytes().toBytes()), limits.maxStages(), limits.maxKernel(), limits.maxTensorElements(),
				json.toBytes(), limits.maxStageReads());
	}

	@Bean
	EventStreamSettings eventStreamSettings(StreamsProperties streams) {
		return new EventStreamSettings(streams.heartbeat(), streams.retry());
	}

}
