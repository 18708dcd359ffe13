package io.poolstream.config;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The choice of transport between ingress, pipelines and result hubs.
 *
 * @param transport {@code in-process}, the default, which needs no server, or {@code kafka}, which
 * runs streams across instances that share the brokers of {@code spring.kafka.bootstrap-servers}
 */
@Validated
@ConfigurationProperties("poolstream")
public record TransportProperties(@NotNull @DefaultValue("in-process") Transport transport) {

	/**
	 * The transports; the property takes their names in lower case with a hyphen.
	 */
	public enum Transport {

		IN_PROCESS,

		KAFKA

	}

}
