package io.poolstream.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Graceful shutdown of the streams.
 *
 * @param drainTimeout the maximum time shutdown waits for accepted frames to be processed and sent
 * to subscribers, before event streams get their closing comment. Frames still in processing after
 * it are cancelled.
 */
@Validated
@ConfigurationProperties("poolstream.shutdown")
public record ShutdownProperties(@NotNull @DefaultValue("10s") Duration drainTimeout) {

}
