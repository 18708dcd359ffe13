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
 * Topics and limits of the Kafka transport, used only with {@code poolstream.transport=kafka}.
 * Connection, security and client settings are Spring Boot's {@code spring.kafka.*}.
 *
 * @param framesTopic the topic of encoded frames, keyed by stream id
 * @param settingsTopic the compacted topic of stream settings, keyed by stream id
 * @param resultsTopic the topic of frame outcomes, keyed by stream id
 * @param partitions partitions of the frames and results topics when this instance creates them;
 * the most instances that can share the work
 * @param replicationFactor replicas of each topic when this instance creates them
 * @param createTopics whether to create missing topics at startup
 * @param maxMessageBytes the largest record, which is a frame or a result with its image and source
 * frame. The producer, the consumers and the topics this instance creates all use it
 * @param framesRetention how long the frames topic keeps frames, which bounds how far behind a
 * stream may fall before frames are lost
 * @param resultsRetention how long the results topic keeps results
 * @param groupId the consumer group of the instances that share the frames topic
 * @param instanceId this instance's name in consumer group ids of the settings and results topics;
 * empty for a random one per start
 * @param pollTimeout the longest wait of one poll of the frames topic
 * @param healthTimeout the longest wait of the health check for a broker response
 */
@Validated
@ConfigurationProperties("poolstream.kafka")
public record KafkaTransportProperties(
		@NotBlank @DefaultValue("poolstream.frames") String framesTopic,
		@NotBlank @DefaultValue("poolstream.settings") String settingsTopic,
		@NotBlank @DefaultValue("poolstream.results") String resultsTopic,
		@Min(1) @Max(10000) @DefaultValue("12") int partitions,
		@Min(1) @Max(16) @DefaultValue("1") short replicationFactor,
		@DefaultValue("true") boolean createTopics,
		@NotNull @DefaultValue("32MB") DataSize maxMessageBytes,
		@NotNull @DefaultValue("1h") Duration framesRetention,
		@NotNull @DefaultValue("15m") Duration resultsRetention,
		@NotBlank @DefaultValue("poolstream-workers") String groupId,
		@NotNull @DefaultValue("") String instanceId,
		@NotNull @DefaultValue("100ms") Duration pollTimeout,
		@NotNull @DefaultValue("2s") Duration healthTimeout) {

}
