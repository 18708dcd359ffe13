package io.poolstream.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Streams, their defaults, result retention and subscribers.
 *
 * @param maxStreams the most streams on this instance, which also bounds metric tags
 * @param defaultPipeline the stages of a stream created without settings, as op strings such as
 * {@code max:2} or {@code avg:3:2}
 * @param defaultPolicy the backpressure policy of a stream created without settings
 * @param defaultCapacity frames that may wait per stream by default
 * @param defaultRetention results kept per stream by default, for replay and fetching
 * @param retentionBytes the most bytes of results and source frames kept per stream
 * @param defaultFormat the result encoding by default
 * @param subscriberBuffer events buffered per subscriber before its oldest are dropped
 * @param heartbeat the interval of heartbeat comments on event streams
 * @param retry the reconnect delay that event streams suggest to clients
 */
@Validated
@ConfigurationProperties("poolstream.streams")
public record StreamsProperties(
		@Min(1) @DefaultValue("256") int maxStreams,
		@NotBlank @DefaultValue("max:2") String defaultPipeline,
		@NotBlank @DefaultValue("latest") String defaultPolicy,
		@Min(1) @Max(100000) @DefaultValue("8") int defaultCapacity,
		@Min(1) @Max(100000) @DefaultValue("64") int defaultRetention,
		@NotNull @DefaultValue("64MB") DataSize retentionBytes,
		@NotBlank @DefaultValue("jpeg") String defaultFormat,
		@Min(1) @Max(100000) @DefaultValue("64") int subscriberBuffer,
		@NotNull @DefaultValue("15s") Duration heartbeat,
		@NotNull @DefaultValue("2s") Duration retry) {

}
