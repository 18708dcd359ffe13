package io.poolstream.transport.kafka;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.MessageListener;

import io.poolstream.pipeline.OutcomeListener;

/**
 * Feeds every record of the results topic to this instance's result hub, which drops repeated
 * sequence numbers. Records of one stream share a partition, so they arrive in publishing order.
 */
public final class ResultListener implements MessageListener<String, byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(ResultListener.class);


	private final OutcomeListener hub;

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong invalid = new AtomicLong();


	public ResultListener(OutcomeListener hub) {
		this.hub = Objects.requireNonNull(hub, "hub");
	}


	@Override
	public void onMessage(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			this.hub.onOutcome(OutcomeFormat.decode(record.value()));
			this.received.incrementAndGet();
		}
		catch (IOException ex) {
			// Logged for the first invalid record and every 100th, because a foreign producer sends many.
			long count = this.invalid.incrementAndGet();
			if (count == 1 || count % 100 == 0) {
				logger.warn("Kafka result record at {}-{} offset {} skipped ({} so far): {}", record.topic(),
						record.partition(), record.offset(), count, ex.getMessage());
			}
		}
	}

	/**
	 * Returns how many results were handed to the hub, repeats included.
	 */
	public long received() {
		return this.received.get();
	}

}
