package io.poolstream.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Input limits, which protect memory and CPU from any one request. They are on by default.
 *
 * @param maxImageBytes the largest single-image request body
 * @param maxFrameBytes the largest frame inside a long body
 * @param maxPixels the most pixels, width times height, of a decoded image, checked on the header
 * @param maxStages the most pooling stages in one pipeline
 * @param maxKernel the largest kernel, stride, padding or dilation along one axis
 * @param maxTensorElements the most elements of a tensor request
 * @param maxStageReads the most estimated sample reads of one pooling stage, about
 * {@code output samples × (kernel height + kernel width)}, which bounds the work one request can ask for
 * @param maxFramesHeld the most frames held between arrival and the end of processing, across
 * all streams; beyond it new frames are refused with 503
 * @param maxBytesHeld the most encoded bytes of those frames
 * @param maxJsonDepth the deepest nesting of arrays and objects in a JSON body
 * @param maxJsonStringLength the longest string value in a JSON body, in characters
 * @param maxJsonNameLength the longest property name in a JSON body, in characters
 * @param maxJsonNumberLength the longest number literal in a JSON body, in characters
 * @param headerTimeout how long a connection may take to send a whole request line and headers,
 * counted from its opening or from the end of the previous response
 * @param bodyStallTimeout how long requested body bytes may take to arrive. Time in which the
 * server does not read, such as a paced upload under the block policy, does not count.
 * @param bodyTimeout how long a whole request body may take, except a long frame upload
 */
@Validated
@ConfigurationProperties("poolstream.limits")
public record LimitsProperties(
		@NotNull @DefaultValue("64MB") DataSize maxImageBytes,
		@NotNull @DefaultValue("16MB") DataSize maxFrameBytes,
		@Min(1) @DefaultValue("50000000") long maxPixels,
		@Min(1) @Max(64) @DefaultValue("8") int maxStages,
		@Min(1) @DefaultValue("256") int maxKernel,
		@Min(1) @DefaultValue("16777216") int maxTensorElements,
		@Min(1) @DefaultValue("1000000000") long maxStageReads,
		@Min(1) @DefaultValue("2048") int maxFramesHeld,
		@NotNull @DefaultValue("256MB") DataSize maxBytesHeld,
		@Min(1) @Max(500) @DefaultValue("32") int maxJsonDepth,
		@Min(1) @DefaultValue("16384") int maxJsonStringLength,
		@Min(1) @DefaultValue("256") int maxJsonNameLength,
		@Min(1) @Max(1000) @DefaultValue("64") int maxJsonNumberLength,
		@NotNull @DefaultValue("10s") Duration headerTimeout,
		@NotNull @DefaultValue("30s") Duration bodyStallTimeout,
		@NotNull @DefaultValue("2m") Duration bodyTimeout) {

}
