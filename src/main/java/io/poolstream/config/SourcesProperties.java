package io.poolstream.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pull sources, which read frames from camera and image URLs, and the outbound-address guard that
 * keeps them away from internal addresses.
 *
 * @param maxSources the most pull sources on this instance
 * @param allowPrivate whether sources may reach private addresses (10/8, 172.16/12, 192.168/16,
 * 100.64/10, fc00::/7)
 * @param allowLoopback whether sources may reach loopback addresses (127/8, ::1)
 * @param allowedCidrs address blocks that sources may reach even when private, loopback or
 * link-local, such as {@code 192.168.10.0/24}
 * @param minInterval the shortest interval between two GETs of a {@code poll} source
 * @param initialBackoff the wait before the first reconnect after a failure, doubled with each
 * further failure in a row
 * @param maxBackoff the longest wait between reconnects
 * @param idleTimeout how long a connection may go without a frame, or a GET without a response
 * @param connectTimeout how long opening a TCP connection may take
 */
@Validated
@ConfigurationProperties("poolstream.sources")
public record SourcesProperties(
		@Min(0) @Max(10000) @DefaultValue("16") int maxSources,
		@DefaultValue("false") boolean allowPrivate,
		@DefaultValue("false") boolean allowLoopback,
		@NotNull @DefaultValue List<String> allowedCidrs,
		@NotNull @DefaultValue("100ms") Duration minInterval,
		@NotNull @DefaultValue("1s") Duration initialBackoff,
		@NotNull @DefaultValue("30s") Duration maxBackoff,
		@NotNull @DefaultValue("30s") Duration idleTimeout,
		@NotNull @DefaultValue("10s") Duration connectTimeout) {

}
