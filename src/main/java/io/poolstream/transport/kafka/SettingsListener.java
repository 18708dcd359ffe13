package io.poolstream.transport.kafka;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.MessageListener;

import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pipeline.TooManyStreamsException;

/**
 * Applies the records of the compacted settings topic to this instance's streams: a value
 * creates or replaces a stream, a tombstone deletes it. Every instance reads the whole topic
 * from the beginning, so every instance has every stream.
 */
public final class SettingsListener implements MessageListener<String, byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(SettingsListener.class);


	private final StreamRegistry registry;

	private final KafkaStreamTransport transport;

	private final FrameConsumerLoop frames;


	public SettingsListener(StreamRegistry registry, KafkaStreamTransport transport, FrameConsumerLoop frames) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.transport = Objects.requireNonNull(transport, "transport");
		this.frames = Objects.requireNonNull(frames, "frames");
	}


	/**
	 * Applies one record, skipping settings equal to the current ones so a stream's queue is not
	 * dropped for nothing, and records older than this instance's own newest write of the stream.
	 */
	@Override
	public void onMessage(ConsumerRecord<String, byte[]> record) {
		String stream = record.key();
		if (stream == null) {
			logger.warn("Kafka settings record at offset {} has no stream id; skipped", record.offset());
			return;
		}
		if (this.transport.isSuperseded(stream, record.offset())) {
			return;
		}

		if (record.value() == null) {
			this.frames.streamRemoved(stream);
			this.registry.remove(stream);
			return;
		}
		StreamSettings settings;
		try {
			settings = SettingsFormat.decode(record.value());
		}
		catch (IOException ex) {
			logger.warn("Stream {} settings record at offset {} skipped: {}", stream, record.offset(), ex.getMessage());
			return;
		}

		Optional<StreamSettings> current = this.registry.settings(stream);
		if (current.isPresent() && current.get().equals(settings)) {
			return;
		}
		try {
			this.registry.put(stream, settings);
		}
		catch (TooManyStreamsException ex) {
			logger.warn("Stream {} from the settings topic not started here: {}", stream, ex.getMessage());
			return;
		}
		if (current.isPresent()) {
			this.frames.streamReplaced(stream);
		}
	}

}
