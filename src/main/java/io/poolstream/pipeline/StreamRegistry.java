package io.poolstream.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The streams of this instance, each with its running pipeline.
 *
 * <p>Streams are created explicitly or on their first frame, with the default settings. The number
 * of streams is capped, which also bounds the number of metric tags. Every method is thread-safe
 * and returns without blocking.
 */
public final class StreamRegistry {

	private static final Logger logger = LoggerFactory.getLogger(StreamRegistry.class);


	private final ConcurrentHashMap<String, Entry> streams = new ConcurrentHashMap<>();

	private final FrameProcessor processor;

	private final OutcomeListener listener;

	private final PipelineMetrics metrics;

	private final StreamSettings defaults;

	private final IngressBudget budget;

	private final int maxStreams;

	private final int concurrency;

	private final Clock clock;

	/** Set once, when shutdown starts. */
	private volatile boolean draining;


	/**
	 * Creates an empty registry.
	 * @param processor processes the frames of every stream
	 * @param listener receives every outcome
	 * @param metrics records counters and timers
	 * @param defaults settings of streams created by their first frame
	 * @param budget the cap on frames held across all streams
	 * @param maxStreams the most streams at once
	 * @param concurrency the most frames of one stream in flight at once
	 * @param clock the source of wall-clock timestamps
	 */
	public StreamRegistry(FrameProcessor processor, OutcomeListener listener, PipelineMetrics metrics,
			StreamSettings defaults, IngressBudget budget, int maxStreams, int concurrency, Clock clock) {
		this.processor = Objects.requireNonNull(processor, "processor");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.metrics = Objects.requireNonNull(metrics, "metrics");
		this.defaults = Objects.requireNonNull(defaults, "defaults");
		this.budget = Objects.requireNonNull(budget, "budget");
		this.maxStreams = maxStreams;
		this.concurrency = concurrency;
		this.clock = Objects.requireNonNull(clock, "clock");
	}


	public StreamSettings defaults() {
		return this.defaults;
	}

	/**
	 * Creates a stream or replaces the settings of an existing one. Replacing keeps the sequence
	 * numbers and statistics, and drops frames still waiting under the old settings.
	 * @return whether the stream was created
	 * @throws TooManyStreamsException if the stream is new and the cap is reached
	 */
	public boolean put(String id, StreamSettings settings) {
		StreamIds.requireValid(id);
		boolean[] created = { false };
		this.streams.compute(id, (key, existing) -> {
			if (existing == null) {
				checkCapacity(id);
				created[0] = true;
				return start(id, settings, new AtomicLong(), new StreamStats(), Instant.now(this.clock));
			}
			existing.stream.dispose();
			return start(id, settings, existing.sequence, existing.stats, existing.createdAt);
		});
		this.listener.onStreamConfigured(id, settings);
		logger.info("Stream {} {} with stages {} and policy {}", id, created[0] ? "created" : "replaced",
				settings.describeStages(), settings.policy().value());
		return created[0];
	}

	/**
	 * Deletes a stream: frames in flight are cancelled and its results are forgotten.
	 * @return whether the stream existed
	 */
	public boolean remove(String id) {
		Entry removed = this.streams.remove(id);
		if (removed == null) {
			return false;
		}
		removed.stream.dispose();
		this.metrics.removeStream(id);
		this.listener.onStreamRemoved(id);
		logger.info("Stream {} deleted", id);
		return true;
	}

	public Optional<StreamView> find(String id) {
		return Optional.ofNullable(this.streams.get(id)).map((entry) -> entry.view(id));
	}

	/**
	 * Returns the current settings of a stream, without creating it.
	 */
	public Optional<StreamSettings> settings(String id) {
		return Optional.ofNullable(this.streams.get(id)).map((entry) -> entry.stream.settings());
	}

	/**
	 * Lists the streams sorted by id.
	 */
	public List<StreamView> list() {
		return this.streams.entrySet()
			.stream()
			.map((entry) -> entry.getValue().view(entry.getKey()))
			.sorted(Comparator.comparing(StreamView::id))
			.toList();
	}

	/**
	 * Offers one frame without waiting, creating the stream with default settings if needed.
	 */
	public Admission offer(String id, byte[] data) {
		if (this.draining) {
			return rejectWhileDraining(id);
		}
		return entryFor(id).stream.offer(data);
	}

	/**
	 * Offers one frame without waiting to a stream that exists, never creating one. Pull sources
	 * use it so that a frame arriving just after its stream was deleted does not bring it back.
	 * @return the admission, or empty if the stream does not exist
	 */
	public Optional<Admission> offerIfPresent(String id, byte[] data) {
		Entry entry = this.streams.get(id);
		return (entry != null) ? Optional.of(entry.stream.offer(data)) : Optional.empty();
	}

	/**
	 * Offers one frame numbered by the transport, without waiting and without evicting a waiting
	 * frame, creating the stream with default settings if needed. The Kafka transport uses it:
	 * a frame that finds no room stays in the topic and is offered again later.
	 * @param seq the frame's sequence number, increasing per stream
	 * @param receivedAt when ingress accepted the frame
	 * @return the admission, {@code REJECTED} when the stream's queue is full and
	 * {@code SATURATED} when the server's cap on held frames is reached
	 */
	public Admission offerNumbered(String id, long seq, Instant receivedAt, byte[] data) {
		return entryFor(id).stream.offerNumbered(seq, receivedAt, data);
	}

	/**
	 * Returns whether {@link #offerNumbered} would find room now, in the stream's queue and under
	 * the server's cap on held frames. A stream that does not exist yet has an empty queue.
	 */
	public boolean hasRoom(String id) {
		Entry entry = this.streams.get(id);
		return this.budget.hasRoom() && (entry == null || entry.stream.hasRoom());
	}

	/**
	 * Offers one frame, waiting for room under the {@code block} policy, creating the stream with
	 * default settings if needed.
	 */
	public Mono<Admission> offerWhenReady(String id, byte[] data) {
		return Mono.defer(() -> this.draining ? Mono.just(rejectWhileDraining(id))
				: entryFor(id).stream.offerWhenReady(data));
	}

	/**
	 * Returns the settings of a stream, creating it with the defaults if needed.
	 */
	public StreamSettings settingsFor(String id) {
		return entryFor(id).stream.settings();
	}

	/**
	 * Stops ingress and waits for the frames already accepted to finish. From the subscription on,
	 * every offer is refused with {@link Admission.Status#SHUTTING_DOWN} and no stream is created.
	 * Waiting frames are still processed and their outcomes delivered in order, so the listener receives
	 * every accepted frame unless the timeout ends the wait first. Frames still in flight after the
	 * timeout are left to {@link #close()}.
	 * @param timeout the longest wait, on Reactor's parallel scheduler
	 * @return {@code true} when every stream finished within the timeout, {@code false} otherwise
	 */
	public Mono<Boolean> drain(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");

		return Mono.defer(() -> {
			this.draining = true;
			List<Mono<Void>> finished = this.streams.values().stream().map((entry) -> entry.stream.drain()).toList();
			return Mono.when(finished).thenReturn(Boolean.TRUE).timeout(timeout, Mono.just(Boolean.FALSE));
		});
	}

	/**
	 * Returns whether shutdown has started, after which every frame is rejected.
	 */
	public boolean draining() {
		return this.draining;
	}

	/**
	 * Returns the number of frames accepted and not yet finished, across all streams.
	 */
	public long framesHeld() {
		return this.budget.frames();
	}

	/**
	 * Deletes every stream, at shutdown.
	 */
	public void close() {
		this.streams.keySet().forEach(this::remove);
	}

	/**
	 * Rejects a frame because shutdown has started, counting it as rejected with reason
	 * {@code shutting-down} when the stream exists. Never creates a stream.
	 */
	public Admission rejectWhileDraining(String id) {
		Entry entry = this.streams.get(id);
		if (entry != null) {
			return entry.stream.rejectAsShuttingDown();
		}
		return new Admission(id, 0, Admission.Status.SHUTTING_DOWN);
	}

	private Entry entryFor(String id) {
		Entry entry = this.streams.get(id);
		if (entry != null) {
			return entry;
		}
		StreamIds.requireValid(id);
		boolean[] created = { false };
		entry = this.streams.computeIfAbsent(id, (key) -> {
			checkCapacity(id);
			created[0] = true;
			return start(id, this.defaults, new AtomicLong(), new StreamStats(), Instant.now(this.clock));
		});
		if (created[0]) {
			this.listener.onStreamConfigured(id, this.defaults);
			logger.info("Stream {} created by its first frame, with default settings", id);
		}
		return entry;
	}

	private void checkCapacity(String id) {
		if (this.streams.size() >= this.maxStreams) {
			throw new TooManyStreamsException(id, this.maxStreams);
		}
	}

	private Entry start(String id, StreamSettings settings, AtomicLong sequence, StreamStats stats, Instant createdAt) {
		FrameStream stream = new FrameStream(id, settings, sequence, stats, this.processor, this.listener,
				this.metrics, this.budget, this.concurrency, this.clock);
		return new Entry(stream, sequence, stats, createdAt);
	}


	private record Entry(FrameStream stream, AtomicLong sequence, StreamStats stats, Instant createdAt) {

		StreamView view(String id) {
			return new StreamView(id, this.stream.settings(), this.stats.snapshot(), this.stream.queued(),
					this.createdAt);
		}

	}

}
