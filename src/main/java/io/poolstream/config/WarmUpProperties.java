package io.poolstream.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The startup warm-up of the decode, pool and encode path.
 *
 * @param enabled whether the service warms up before it reports readiness
 * @param frames the number of frames processed during warm-up
 * @param clip the location of a concatenated-JPEG clip whose frames are used in turn
 * @param loopbackFrames the number of frames then pushed through the server's own HTTP API on a
 * loopback address, as one long body to a temporary stream; 0 skips this second phase
 * @param loopbackSubscribers the number of event connections that read the temporary stream's
 * results, at most the per-client and total event stream limits
 * @param loopbackTimeout the longest wait for the second phase, after which readiness is reported
 */
@Validated
@ConfigurationProperties("poolstream.warm-up")
public record WarmUpProperties(
		@DefaultValue("true") boolean enabled,
		@Min(1) @Max(100000) @DefaultValue("300") int frames,
		@NotBlank @DefaultValue("classpath:demo/car-detection_10s.mjpeg") String clip,
		@Min(0) @Max(100000) @DefaultValue("600") int loopbackFrames,
		@Min(1) @Max(1000) @DefaultValue("16") int loopbackSubscribers,
		@NotNull @DefaultValue("60s") Duration loopbackTimeout) {

}
