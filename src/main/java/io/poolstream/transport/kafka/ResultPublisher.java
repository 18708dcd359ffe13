package io.poolstream.transport.kafka;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;

import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.FrameResult;
import io.poolstream.pipeline.OutcomeListener;
import io.poolstream.pipeline.StreamSettings;

/**
 * Publishes the outcomes of this instance's pipelines to the results topic, keyed by stream id,
 * and records each one the broker acknowledged, so the frames consumer may commit its offset.
 *
 * <p>Stream settings events go straight to this instance's own listener, the result hub, because
 * every instance applies every stream's settings itself. Outcomes reach the hub only through the
 * results topic, on this instance as on every other.
 */
public final class ResultPublisher implements OutcomeListener {

	private static final Logger logger = LoggerFactory.getLogger(ResultPublisher.class);


	private final KafkaTemplate<String, byte[]> template;

	private final String topic;

	private final OutcomeListener local;

	private final PublishedFrames published;

	private final long maxRecordBytes;

	private final AtomicLong failures = new AtomicLong();


	/**
	 * Creates a publisher.
	 * @param template sends records
	 * @param topic the results topic
	 * @param local receives the settings events of this instance's streams
	 * @param published receives the frames whose outcomes were acknowledged, for the consumer loop
	 * @param maxRecordBytes the largest record value the producer and topic take, in bytes
	 */
	public ResultPublisher(KafkaTemplate<String, byte[]> template, String topic, OutcomeListener local,
			PublishedFrames published, long maxRecordBytes) {
		this.template = Objects.requireNonNull(template, "template");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.local = Objects.requireNonNull(local, "local");
		this.published = Objects.requireNonNull(published, "published");
		this.maxRecordBytes = maxRecordBytes;
	}


	/**
	 * Sends an outcome without waiting for the broker. A failed send leaves the frame's offset
	 * uncommitted, so the frame is processed again after a restart or rebalance.
	 */
	@Override
	public void onOutcome(FrameOutcome outcome) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, outcome.stream(), encode(outcome));
		this.template.send(record).whenComplete((result, failure) -> {
			if (failure == null) {
				this.published.add(outcome.stream(), outcome.seq());
				return;
			}
			// Logged for the first failure and every 100th, because a broker outage fails every send.
			long count = this.failures.incrementAndGet();
			if (count == 1 || count % 100 == 0) {
				logger.error("Stream {} result {} not published to {} ({} failures so far); it stays uncommitted",
						outcome.stream(), outcome.seq(), this.topic, count, failure);
			}
		});
	}

	/**
	 * Encodes an outcome. A result too large for one record loses its copy of the source frame and
	 * its inline data URL, which subscribers can do without, rather than never being published.
	 */
	private byte[] encode(FrameOutcome outcome) {
		byte[] value = OutcomeFormat.encode(outcome);
		if (value.length <= this.maxRecordBytes || !(outcome instanceof FrameResult result)) {
			return value;
		}
		logger.debug("Stream {} result {} is {} bytes, above the record limit; published without its source frame",
				result.stream(), result.seq(), value.length);
		return OutcomeFormat.encode(new FrameResult(result.stream(), result.seq(), result.receivedAt(),
				result.completedAt(), result.latencyNanos(), result.input(), result.output(), result.stages(),
				result.timings(), result.image(), new byte[0], result.channels(), null));
	}

	@Override
	public void onStreamConfigured(String stream, StreamSettings settings) {
		this.local.onStreamConfigured(stream, settings);
	}

	@Override
	public void onStreamRemoved(String stream) {
		this.local.onStreamRemoved(stream);
	}

	/**
	 * Returns how many outcomes could not be published.
	 */
	public long failures() {
		return this.failures.get();
	}

}
