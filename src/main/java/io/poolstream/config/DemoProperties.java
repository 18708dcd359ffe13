package io.poolstream.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo stream, which plays a bundled real clip in a loop so the dashboard is live at once.
 *
 * @param enabled whether the demo stream runs
 * @param stream the id of the demo stream
 * @param clip the location of a concatenated-JPEG clip
 * @param fps the clip's natural frame rate, at which it is played
 * @param pipeline the demo stream's stages, as op strings such as {@code max:2}
 */
@Validated
@ConfigurationProperties("poolstream.demo")
public record DemoProperties(
		@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("demo") String stream,
		@NotBlank @DefaultValue("classpath:demo/car-detection_10s.mjpeg") String clip,
		@DecimalMin("0.1") @DecimalMax("120") @DefaultValue("12.5") double fps,
		@NotBlank @DefaultValue("max:2") String pipeline) {

}
