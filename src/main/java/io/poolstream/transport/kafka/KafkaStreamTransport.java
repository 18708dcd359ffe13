package io.poolstream.transport.kafka;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;

import io.poolstream.codec.ImageTooLargeException;
import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.transport.StreamTransport;
import io.poolstream.transport.TransportUnavailableException;

/**
 * Publishes frames to the frames topic and stream settings to the compacted settings topic, both
 * keyed by stream id.
 *
 * <p>A frame is accepted only once the broker acknowledged it, and its sequence number is its
 * offset plus one, the number the consumer gives it as well. Sending runs on bounded elastic,
 * because the producer blocks the caller while it waits for topic metadata or buffer room.
 */
public final class KafkaStreamTransport implements StreamTransport {

	private static final Logger logger = LoggerFactory.getLogger(KafkaStreamTransport.class);


	private final KafkaTemplate<String, byte[]> template;

	private final String framesTopic;

	private final String settingsTopic;

	private final StreamRegistry registry;

	private final FrameConsumerLoop frames;

	private final long maxFrameBytes;

	/**
	 * The settings-topic offset of this instance's newest put or delete per stream, so the settings
	 * listener skips older records that arrive after it. Bounded like the streams: an entry goes
	 * with its stream's tombstone.
	 */
	private final ConcurrentHashMap<String, Long> localWrites = new ConcurrentHashMap<>();


	/**
	 * Creates the transport.
	 * @param template sends records and waits for the broker's acknowledgement as configured
	 * @param framesTopic the topic of encoded frames
	 * @param settingsTopic the compacted topic of stream settings
	 * @param registry this instance's streams, updated as soon as a put or delete is acknowledged
	 * @param frames the consumer loop, notified when a put or delete drops frames it tracks
	 * @param maxFrameBytes the largest frame that fits into one record, in bytes
	 */
	public KafkaStreamTransport(KafkaTemplate<String, byte[]> template, String framesTopic, String settingsTopic,
			StreamRegistry registry, FrameConsumerLoop frames, long maxFrameBytes) {
		this.template = Objects.requireNonNull(template, "template");
		this.framesTopic = Objects.requireNonNull(framesTopic, "framesTopic");
		this.settingsTopic = Objects.requireNonNull(settingsTopic, "settingsTopic");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.frames = Objects.requireNonNull(frames, "frames");
		this.maxFrameBytes = maxFrameBytes;
	}


	/**
	 * Publishes a frame, first publishing default settings when this instance does not know the
	 * stream, so every instance lists it. Fails with {@link ImageTooLargeException} when the frame
	 * exceeds the record size and with {@link TransportUnavailableException} when the broker did
	 * not acknowledge it.
	 */
	@Override
	public Mono<Admission> offer(String stream, byte[] data) {
		if (data.length > this.maxFrameBytes) {
			return Mono.error(new ImageTooLargeException("frame is " + data.length + " bytes, above the "
					+ this.maxFrameBytes + " bytes that fit into one Kafka record (poolstream.kafka.max-message-bytes)",
					data.length, this.maxFrameBytes));
		}
		return ensureStream(stream)
			.then(send(this.framesTopic, stream, data, "frame"))
			.map((metadata) -> new Admission(stream, metadata.offset() + 1, Admission.Status.ACCEPTED));
	}

	@Override
	public Mono<StreamSettings> settingsFor(String stream) {
		return ensureStream(stream).then(Mono.fromSupplier(() -> this.registry.settingsFor(stream)));
	}

	@Override
	public Mono<Boolean> put(String stream, StreamSettings settings) {
		return send(this.settingsTopic, stream, SettingsFormat.encode(settings), "settings").map((metadata) -> {
			this.localWrites.merge(stream, metadata.offset(), Math::max);
			boolean existed = this.registry.settings(stream).isPresent();
			boolean created = this.registry.put(stream, settings);
			if (existed) {
				this.frames.streamReplaced(stream);
			}
			return created;
		});
	}

	@Override
	public Mono<Boolean> remove(String stream) {
		return send(this.settingsTopic, stream, null, "deletion").map((metadata) -> {
			this.localWrites.remove(stream);
			this.frames.streamRemoved(stream);
			return this.registry.remove(stream);
		});
	}

	/**
	 * Returns whether a settings record is older than this instance's own newest write of the
	 * stream, which already applied newer settings.
	 */
	boolean isSuperseded(String stream, long offset) {
		Long newest = this.localWrites.get(stream);
		return newest != null && offset < newest;
	}

	private Mono<Void> ensureStream(String stream) {
		if (this.registry.settings(stream).isPresent()) {
			return Mono.empty();
		}
		StreamSettings defaults = this.registry.defaults();
		return send(this.settingsTopic, stream, SettingsFormat.encode(defaults), "settings")
			.doOnNext((metadata) -> {
				this.registry.settingsFor(stream);
				logger.info("Stream {} created by its first frame, with default settings published to {}", stream,
						this.settingsTopic);
			})
			.then();
	}

	private Mono<RecordMetadata> send(String topic, String stream, byte @Nullable [] value, String what) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, stream, value);
		return Mono.fromFuture(() -> this.template.send(record), true)
			.subscribeOn(Schedulers.boundedElastic())
			.map((result) -> result.getRecordMetadata())
			.onErrorMap((failure) -> !(failure instanceof TransportUnavailableException),
					(failure) -> unavailable(stream, topic, what, failure));
	}

	private static TransportUnavailableException unavailable(String stream, String topic, String what,
			Throwable failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		logger.debug("Stream {} {} not acknowledged by Kafka topic {}", stream, what, topic, failure);
		return new TransportUnavailableException("the " + what + " of stream '" + stream
				+ "' was not accepted because Kafka did not acknowledge it (" + cause.getClass().getSimpleName() + ": "
				+ cause.getMessage() + "); check that the brokers in spring.kafka.bootstrap-servers are reachable, "
				+ "then send it again", failure);
	}

}
