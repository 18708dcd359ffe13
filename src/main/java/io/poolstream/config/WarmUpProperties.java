package io.poolstream.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The startup warm-up of the decode, pool and encode path.
 *
 * @param enabled whether the service warms up before it reports readiness
 * @param frames the number of frames processed during warm-up
 * @param clip the location of a concatenated-JPEG clip whose frames are used in turn
 */
@Validated
@ConfigurationProperties("poolstream.warm-up")
public record WarmUpProperties(
		@DefaultValue("true") boolean enabled,
		@Min(1) @Max(100000) @DefaultValue("300") int frames,
		@NotBlank @DefaultValue("classpath:demo/car-detection_10s.mjpeg") String clip) {

}
