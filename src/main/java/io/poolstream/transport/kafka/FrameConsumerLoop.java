package io.poolstream.transport.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.InvalidStreamIdException;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.TooManyStreamsException;

/**
 * Runs the pipelines of the frames-topic partitions this instance owns in the consumer group.
 *
 * <p>A frame's sequence number is its record offset plus one. A stream's frames share one
 * partition because they are keyed by stream id, so the numbers are unique and increasing per
 * stream, and a frame processed again after a rebalance gets the number it had before.
 *
 * <p>Offsets are committed only up to the oldest frame whose result is not yet published, so
 * delivery to the results topic is at least once. When a stream's queue or the server's cap on held
 * frames is full, the frame's partition is paused and rewound to that frame, and resumed once the
 * stream has room, so frames wait in Kafka rather than in memory.
 * NOTE: the processing scheduler's own queue is not checked. If it overflows, a frame ends as a
 * {@code saturated} failure event, so keep {@code poolstream.limits.max-frames-held} below
 * {@code poolstream.processing.queue-capacity} in Kafka mode.
 *
 * <p>The Kafka consumer is not thread-safe, so one thread owns it and every field marked "loop
 * thread". Other threads reach it only through {@link PublishedFrames}, the queue of
 * resets and {@link Consumer#wakeup()}.
 * spring-kafka's listener containers are not used here because pausing one partition while
 * rewinding it, and committing outcomes that finish on other threads in offset order, need
 * direct control of the consumer.
 */
public final class FrameConsumerLoop implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FrameConsumerLoop.class);

	/** How long a partition waits when its stream cannot start because this instance has too many. */
	private static final Duration STREAM_CAP_RETRY = Duration.ofSeconds(5);


	private final ConsumerFactory<String, byte[]> consumerFactory;

	private final String topic;

	private final StreamRegistry registry;

	private final Duration pollTimeout;

	private final PublishedFrames published;

	/** Streams whose settings changed or which were deleted, by any thread. */
	private final ConcurrentLinkedQueue<Reset> resets = new ConcurrentLinkedQueue<>();

	/** The partition of each stream seen, written by the loop thread, read by any. */
	private final ConcurrentHashMap<String, TopicPartition> partitions = new ConcurrentHashMap<>();

	/** Loop thread. The state of each owned partition. */
	private final Map<TopicPartition, PartitionState> owned = new HashMap<>();

	private volatile Set<TopicPartition> assignment = Set.of();

	private final AtomicLong admitted = new AtomicLong();

	private final AtomicLong pauses = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private volatile boolean running;

	private volatile @Nullable Consumer<String, byte[]> consumer;

	private @Nullable Thread thread;


	/**
	 * Creates a stopped loop.
	 * @param consumerFactory creates the consumer, configured with the group id and without auto commit
	 * @param topic the frames topic
	 * @param registry runs the pipelines, with an outcome listener that fills {@code published}
	 * @param published the frames whose outcomes were published
	 * @param pollTimeout the longest wait of one poll, which also bounds how late a resume is
	 */
	public FrameConsumerLoop(ConsumerFactory<String, byte[]> consumerFactory, String topic, StreamRegistry registry,
			PublishedFrames published, Duration pollTimeout) {
		this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.published = Objects.requireNonNull(published, "published");
		this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
	}


	/**
	 * Joins the consumer group and starts consuming on a thread of its own. The context calls it
	 * after every bean is ready, so the topics exist before the consumer subscribes.
	 */
	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.consumer = this.consumerFactory.createConsumer();
		this.running = true;
		Thread loop = new Thread(this::run, "poolstream-frames-consumer");
		loop.setDaemon(true);
		this.thread = loop;
		loop.start();
		logger.info("Kafka frames consumer started on topic {}", this.topic);
	}

	/**
	 * Records that a stream's settings were replaced, from any thread. Replacing drops the frames
	 * the stream held, so the loop rewinds the stream's partition to the oldest unpublished frame.
	 */
	public void streamReplaced(String stream) {
		this.resets.add(new Reset(stream, false));
	}

	/**
	 * Records that a stream was deleted, from any thread. Its unpublished frames are forgotten.
	 */
	public void streamRemoved(String stream) {
		this.resets.add(new Reset(stream, true));
	}

	/**
	 * Returns the partitions this instance owns now.
	 */
	public Set<TopicPartition> assignment() {
		return this.assignment;
	}

	/**
	 * Returns the frames handed to pipelines so far, counting a frame processed again once more.
	 */
	public long admitted() {
		return this.admitted.get();
	}

	/**
	 * Returns whether the loop is consuming. It stops on close or after an unexpected failure.
	 */
	public boolean running() {
		Thread loop = this.thread;
		return this.running && loop != null && loop.isAlive();
	}

	/**
	 * Returns how often a partition was paused because its stream or the server was full.
	 */
	public long pauses() {
		return this.pauses.get();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Leaves the consumer group after committing what is published, waiting up to 10 s. The
	 * context calls it at shutdown before the web server stops, so the group rebalances at once.
	 */
	@Override
	public void stop() {
		Thread loop;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			loop = this.thread;
		}
		Consumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		if (loop != null) {
			try {
				loop.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run() {
		Consumer<String, byte[]> consumer = Objects.requireNonNull(this.consumer);
		try {
			consumer.subscribe(List.of(this.topic), new Rebalance(consumer));
			while (this.running) {
				applyCompletions();
				applyResets(consumer);
				commit(consumer, false);
				resumeWhenRoom(consumer);
				ConsumerRecords<String, byte[]> records = consumer.poll(this.pollTimeout);
				for (TopicPartition partition : records.partitions()) {
					admit(consumer, partition, records.records(partition));
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke the consumer up; fall through to the final commit.
		}
		catch (RuntimeException ex) {
			logger.error("Kafka frames consumer on topic {} stopped", this.topic, ex);
		}
		finally {
			try {
				applyCompletions();
				commit(consumer, true);
			}
			catch (RuntimeException ex) {
				logger.warn("Kafka frames consumer could not commit its last offsets: {}", ex.getMessage());
			}
			consumer.close(Duration.ofSeconds(5));
			this.assignment = Set.of();
			logger.info("Kafka frames consumer stopped");
		}
	}

	private void admit(Consumer<String, byte[]> consumer, TopicPartition partition,
			List<ConsumerRecord<String, byte[]>> records) {
		PartitionState state = this.owned.get(partition);
		if (state == null || state.blockedStream != null) {
			return;
		}
		for (ConsumerRecord<String, byte[]> record : records) {
			String stream = record.key();
			if (stream == null || record.value() == null) {
				this.skipped.incrementAndGet();
				logger.warn("Kafka frame at {} offset {} has no stream id or no data; skipped", partition,
						record.offset());
				state.nextOffset = record.offset() + 1;
				continue;
			}
			Admission admission;
			try {
				admission = this.registry.offerNumbered(stream, record.offset() + 1,
						Instant.ofEpochMilli(record.timestamp()), record.value());
			}
			catch (InvalidStreamIdException ex) {
				this.skipped.incrementAndGet();
				logger.warn("Kafka frame at {} offset {} skipped: {}", partition, record.offset(), ex.getMessage());
				state.nextOffset = record.offset() + 1;
				continue;
			}
			catch (TooManyStreamsException ex) {
				// The stream cannot start here until another is deleted, so its partition waits and
				// tries again after a while rather than on every poll.
				logger.warn("Stream {} cannot start on this instance: {}", stream, ex.getMessage());
				pause(consumer, partition, state, stream, record.offset());
				state.retryAfterNanos = System.nanoTime() + STREAM_CAP_RETRY.toNanos();
				return;
			}
			if (!admission.accepted()) {
				pause(consumer, partition, state, stream, record.offset());
				return;
			}
			this.partitions.put(stream, partition);
			state.pending.put(record.offset(), stream);
			state.nextOffset = record.offset() + 1;
			this.admitted.incrementAndGet();
		}
	}

	private void pause(Consumer<String, byte[]> consumer, TopicPartition partition, PartitionState state, String stream,
			long offset) {
		consumer.pause(List.of(partition));
		consumer.seek(partition, offset);
		state.blockedStream = stream;
		this.pauses.incrementAndGet();
		logger.debug("Stream {} is full; paused {} at offset {}", stream, partition, offset);
	}

	private void resumeWhenRoom(Consumer<String, byte[]> consumer) {
		for (Map.Entry<TopicPartition, PartitionState> entry : this.owned.entrySet()) {
			PartitionState state = entry.getValue();
			String blocked = state.blockedStream;
			if (blocked != null && System.nanoTime() - state.retryAfterNanos >= 0 && this.registry.hasRoom(blocked)) {
				state.blockedStream = null;
				consumer.resume(List.of(entry.getKey()));
				logger.debug("Stream {} has room; resumed {}", blocked, entry.getKey());
			}
		}
	}

	private void applyCompletions() {
		PublishedFrames.Frame completion;
		while ((completion = this.published.poll()) != null) {
			TopicPartition partition = this.partitions.get(completion.stream());
			PartitionState state = (partition != null) ? this.owned.get(partition) : null;
			if (state != null) {
				state.pending.remove(completion.seq() - 1);
			}
		}
	}

	private void applyResets(Consumer<String, byte[]> consumer) {
		Reset reset;
		while ((reset = this.resets.poll()) != null) {
			TopicPartition partition = reset.removed() ? this.partitions.remove(reset.stream())
					: this.partitions.get(reset.stream());
			PartitionState state = (partition != null) ? this.owned.get(partition) : null;
			if (state == null || !state.pending.containsValue(reset.stream())) {
				continue;
			}
			if (reset.removed()) {
				String stream = reset.stream();
				state.pending.values().removeIf(stream::equals);
				continue;
			}
			// Frames of other streams pending on this partition are processed again too. Their
			// results repeat sequence numbers already published, and hubs drop the repeats.
			long oldest = state.pending.firstKey();
			state.pending.clear();
			state.nextOffset = oldest;
			state.blockedStream = null;
			consumer.seek(partition, oldest);
			consumer.resume(List.of(partition));
			logger.info("Stream {} settings changed; processing {} again from offset {}", reset.stream(), partition,
					oldest);
		}
	}

	private void commit(Consumer<String, byte[]> consumer, boolean synchronous) {
		commit(consumer, this.owned.keySet(), synchronous);
	}

	private void commit(Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions, boolean synchronous) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (TopicPartition partition : partitions) {
			PartitionState state = this.owned.get(partition);
			if (state == null) {
				continue;
			}
			long committable = state.pending.isEmpty() ? state.nextOffset : state.pending.firstKey();
			if (committable > state.committed) {
				offsets.put(partition, new OffsetAndMetadata(committable));
				state.committed = committable;
			}
		}
		if (offsets.isEmpty()) {
			return;
		}
		if (synchronous) {
			consumer.commitSync(offsets, Duration.ofSeconds(5));
			return;
		}
		consumer.commitAsync(offsets, (committed, failure) -> {
			if (failure != null) {
				// A later commit covers these offsets, so at worst the frames are processed again.
				logger.warn("Kafka commit of {} failed: {}", committed, failure.getMessage());
			}
		});
	}


	private record Reset(String stream, boolean removed) {
	}

	/**
	 * The state of one owned partition, kept by the loop thread only.
	 */
	private static final class PartitionState {

		/** Offsets handed to a pipeline whose outcome is not yet published, with their stream. */
		final TreeMap<Long, String> pending = new TreeMap<>();

		/** The offset after the last frame handed to a pipeline or skipped. */
		long nextOffset;

		/** The last offset committed, or the position at assignment. */
		long committed;

		/** The stream whose full queue paused this partition, or {@code null} when it runs. */
		@Nullable String blockedStream;

		/** The {@link System#nanoTime()} before which a paused partition is not resumed. */
		long retryAfterNanos;

		PartitionState(long position) {
			this.nextOffset = position;
			this.committed = position;
			this.retryAfterNanos = System.nanoTime();
		}

	}

	/**
	 * Commits before partitions move to another instance and starts tracking new ones. Kafka calls it
	 * on the loop thread, inside {@code poll}.
	 */
	private final class Rebalance implements ConsumerRebalanceListener {

		private final Consumer<String, byte[]> consumer;

		Rebalance(Consumer<String, byte[]> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
			applyCompletions();
			try {
				commit(this.consumer, revoked, true);
			}
			catch (RuntimeException ex) {
				logger.warn("Kafka commit before giving up {} failed: {}", revoked, ex.getMessage());
			}
			revoked.forEach(FrameConsumerLoop.this.owned::remove);
			FrameConsumerLoop.this.assignment = Set.copyOf(FrameConsumerLoop.this.owned.keySet());
			logger.info("Kafka frames partitions revoked: {}", revoked);
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> lost) {
			lost.forEach(FrameConsumerLoop.this.owned::remove);
			FrameConsumerLoop.this.assignment = Set.copyOf(FrameConsumerLoop.this.owned.keySet());
			logger.warn("Kafka frames partitions lost without a commit: {}", lost);
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
			for (TopicPartition partition : assigned) {
				FrameConsumerLoop.this.owned.put(partition, new PartitionState(this.consumer.position(partition)));
			}
			FrameConsumerLoop.this.assignment = Set.copyOf(FrameConsumerLoop.this.owned.keySet());
			logger.info("Kafka frames partitions assigned: {}", assigned);
		}

	}

}
