package io.poolstream.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import io.poolstream.pipeline.BoundedMailbox;
import io.poolstream.pipeline.FrameOutcome;

/**
 * The retained outcomes and the subscribers of one stream.
 *
 * <p>Each subscriber has its own bounded buffer that drops its oldest events when full, so a slow
 * subscriber only ever loses its own events and never delays the stream or other subscribers.
 */
final class StreamChannel {

	private static final Logger logger = LoggerFactory.getLogger(StreamChannel.class);


	private final String stream;

	private final int subscriberBuffer;

	private final Object lock = new Object();

	/** Guarded by {@link #lock}. */
	private final ReplayRing ring;

	/** Guarded by {@link #lock}. */
	private final List<BoundedMailbox<HubEvent>> subscribers = new ArrayList<>();

	/** Guarded by {@link #lock}. Whether a stream backs this channel, rather than only waiting subscribers. */
	private boolean configured;

	/** Guarded by {@link #lock}. */
	private boolean closed;

	/** Guarded by {@link #lock}. The highest sequence number published, 0 before the first. */
	private long newestSeq;

	/** Guarded by {@link #lock}. Outcomes dropped because their sequence number was not above {@link #newestSeq}. */
	private long duplicates;


	StreamChannel(String stream, int retention, long retentionBytes, int subscriberBuffer) {
		this.stream = stream;
		this.subscriberBuffer = subscriberBuffer;
		this.ring = new ReplayRing(retention, retentionBytes);
	}


	void configure(int retention) {
		synchronized (this.lock) {
			this.configured = true;
			this.ring.resize(retention);
		}
	}

	boolean configured() {
		synchronized (this.lock) {
			return this.configured;
		}
	}

	/**
	 * Retains an outcome and hands it to every subscriber. Subscriber buffers are offered outside
	 * the lock, so a subscriber that serializes slowly does not hold up new subscriptions.
	 *
	 * <p>An outcome whose sequence number is not above the newest one published is dropped and
	 * counted. A transport that delivers at least once can publish a frame's outcome twice, and both
	 * copies carry the same number, so subscribers see each number once and in increasing order.
	 * @return whether the outcome was published
	 */
	boolean publish(FrameOutcome outcome) {
		List<BoundedMailbox<HubEvent>> targets;
		synchronized (this.lock) {
			if (outcome.seq() <= this.newestSeq) {
				this.duplicates++;
				return false;
			}
			this.newestSeq = outcome.seq();
			this.ring.add(outcome);
			targets = List.copyOf(this.subscribers);
		}
		HubEvent event = new HubEvent.Outcome(outcome);
		for (BoundedMailbox<HubEvent> target : targets) {
			target.offer(event);
		}
		return true;
	}

	long duplicates() {
		synchronized (this.lock) {
			return this.duplicates;
		}
	}

	/**
	 * Subscribes, first replaying retained outcomes after {@code lastEventId} when one is given.
	 * A retained outcome goes either into the replay or into the live buffer, never both.
	 */
	Flux<HubEvent> subscribe(@Nullable Long lastEventId, Runnable onLeave) {
		BoundedMailbox<HubEvent> buffer = new BoundedMailbox<>(this.subscriberBuffer,
				BoundedMailbox.Overflow.DROP_OLDEST, (dropped) -> { },
				(count) -> new HubEvent.Lagged(this.stream, count));
		List<HubEvent> replay = new ArrayList<>();
		synchronized (this.lock) {
			if (this.closed) {
				return Flux.empty();
			}
			if (lastEventId != null) {
				long lastEvicted = this.ring.lastEvictedSeq();
				if (lastEventId < lastEvicted) {
					replay.add(new HubEvent.Gap(this.stream, lastEventId + 1, lastEvicted, lastEvicted - lastEventId));
				}
				this.ring.after(lastEventId).forEach((outcome) -> replay.add(new HubEvent.Outcome(outcome)));
			}
			this.subscribers.add(buffer);
		}
		logger.debug("Stream {} gained a subscriber, replaying {} events", this.stream, replay.size());

		return Flux.concat(Flux.fromIterable(replay), buffer.flux()).doFinally((signal) -> {
			synchronized (this.lock) {
				this.subscribers.remove(buffer);
			}
			logger.debug("Stream {} lost a subscriber ({})", this.stream, signal);
			onLeave.run();
		});
	}

	int subscriberCount() {
		synchronized (this.lock) {
			return this.subscribers.size();
		}
	}

	Optional<FrameOutcome> find(long seq) {
		synchronized (this.lock) {
			return this.ring.find(seq);
		}
	}

	Optional<FrameOutcome> newest() {
		synchronized (this.lock) {
			return this.ring.newest();
		}
	}

	/**
	 * Ends every subscription after its buffered events and refuses new ones.
	 */
	void close() {
		List<BoundedMailbox<HubEvent>> targets;
		synchronized (this.lock) {
			this.closed = true;
			targets = List.copyOf(this.subscribers);
		}
		targets.forEach(BoundedMailbox::complete);
	}

}
