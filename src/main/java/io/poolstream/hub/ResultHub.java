package io.poolstream.hub;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.OutcomeListener;
import io.poolstream.pipeline.StreamSettings;

/**
 * Retains each stream's newest outcomes and fans them out to subscribers.
 *
 * <p>A subscriber may arrive before its stream exists; it then waits on a channel of its own until
 * the stream's first outcome. The number of channels is capped like the number of streams, and a
 * channel without a stream goes away with its last subscriber.
 */
public final class ResultHub implements OutcomeListener {

	private final ConcurrentHashMap<String, StreamChannel> channels = new ConcurrentHashMap<>();

	private final int defaultRetention;

	private final long retentionBytes;

	private final int subscriberBuffer;

	private final int maxChannels;


	/**
	 * Creates a hub.
	 * @param defaultRetention outcomes kept per stream until its settings say otherwise
	 * @param retentionBytes the most bytes of outcomes kept per stream
	 * @param subscriberBuffer events buffered per subscriber before the oldest are dropped
	 * @param maxChannels the most streams, with or without settings, that may have subscribers
	 */
	public ResultHub(int defaultRetention, long retentionBytes, int subscriberBuffer, int maxChannels) {
		this.defaultRetention = defaultRetention;
		this.retentionBytes = retentionBytes;
		this.subscriberBuffer = subscriberBuffer;
		this.maxChannels = maxChannels;
	}


	/**
	 * Retains and fans out an outcome, dropping it when its stream already published this sequence
	 * number or a higher one, as happens when an at-least-once transport delivers it again.
	 */
	@Override
	public void onOutcome(FrameOutcome outcome) {
		channelFor(outcome.stream()).publish(outcome);
	}

	/**
	 * Returns how many outcomes of a stream were dropped as repeats of a published sequence number.
	 */
	public long duplicates(String stream) {
		StreamChannel channel = this.channels.get(stream);
		return (channel != null) ? channel.duplicates() : 0;
	}

	@Override
	public void onStreamConfigured(String stream, StreamSettings settings) {
		channelFor(stream).configure(settings.retention());
	}

	@Override
	public void onStreamRemoved(String stream) {
		StreamChannel removed = this.channels.remove(stream);
		if (removed != null) {
			removed.close();
		}
	}

	/**
	 * Subscribes to a stream's outcomes, replaying those retained after {@code lastEventId} first.
	 * The flux completes when the stream is deleted and never signals an error.
	 * @throws TooManySubscribedStreamsException if the stream has no channel yet and the cap is reached
	 */
	public Flux<HubEvent> subscribe(String stream, @Nullable Long lastEventId) {
		if (!this.channels.containsKey(stream) && this.channels.size() >= this.maxChannels) {
			throw new TooManySubscribedStreamsException(stream, this.maxChannels);
		}
		StreamChannel channel = channelFor(stream);
		return channel.subscribe(lastEventId, () -> dropIfUnused(stream, channel));
	}

	@Override
	public int subscriberCount(String stream) {
		StreamChannel channel = this.channels.get(stream);
		return (channel != null) ? channel.subscriberCount() : 0;
	}

	public Optional<FrameOutcome> find(String stream, long seq) {
		StreamChannel channel = this.channels.get(stream);
		return (channel != null) ? channel.find(seq) : Optional.empty();
	}

	public Optional<FrameOutcome> newest(String stream) {
		StreamChannel channel = this.channels.get(stream);
		return (channel != null) ? channel.newest() : Optional.empty();
	}

	/**
	 * Ends every subscription, at shutdown.
	 */
	public void close() {
		this.channels.values().forEach(StreamChannel::close);
	}

	private StreamChannel channelFor(String stream) {
		return this.channels.computeIfAbsent(stream,
				(key) -> new StreamChannel(key, this.defaultRetention, this.retentionBytes, this.subscriberBuffer));
	}

	private void dropIfUnused(String stream, StreamChannel channel) {
		this.channels.computeIfPresent(stream,
				(key, current) -> (current == channel && !current.configured() && current.subscriberCount() == 0)
						? null : current);
	}

}
