package io.poolstream.web.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Records which key created each stream, so that one ingest key cannot push to, change or delete
 * another key's stream.
 *
 * <p>A claim on an id that names no stream yet is kept for a grace period, during which the
 * claiming request creates the stream and no other key can take the id. After that, an owner is
 * kept only while its stream exists: a claim on an id whose stream is gone succeeds for anyone,
 * at once when the stream was deleted through the API and after the grace period otherwise.
 * {@link #claim} drops records of absent streams once the map contains more than
 * {@code maxEntries}, which bounds it. Any thread may call the methods.
 */
public final class StreamOwners {

	/** How long a claim on an id without a stream keeps other keys away from that id. */
	static final Duration CREATION_GRACE = Duration.ofSeconds(60);


	private final Map<String, Claim> owners = new ConcurrentHashMap<>();

	private final Predicate<String> streamExists;

	private final int maxEntries;

	private final LongSupplier nanoTime;


	/**
	 * Creates the record.
	 * @param streamExists returns whether a stream id names a live stream
	 * @param maxEntries how many records may be kept before records of absent streams are dropped
	 */
	public StreamOwners(Predicate<String> streamExists, int maxEntries) {
		this(streamExists, maxEntries, System::nanoTime);
	}

	StreamOwners(Predicate<String> streamExists, int maxEntries, LongSupplier nanoTime) {
		this.streamExists = streamExists;
		this.maxEntries = maxEntries;
		this.nanoTime = nanoTime;
	}


	/**
	 * Claims a stream for an owner, or confirms the owner's earlier claim.
	 * @return {@code true} if the stream belongs to the owner now, {@code false} if another
	 * owner's stream exists under that id or another owner claimed the id within the grace period
	 */
	public boolean claim(String stream, String owner) {
		long now = this.nanoTime.getAsLong();
		if (this.owners.size() > this.maxEntries) {
			this.owners.entrySet().removeIf((entry) -> isStale(entry.getKey(), entry.getValue(), now));
		}
		Claim holder = this.owners.compute(stream, (id, current) -> (current == null || current.owner().equals(owner)
				|| isStale(id, current, now)) ? new Claim(owner, now) : current);
		return owner.equals(holder.owner());
	}

	private boolean isStale(String stream, Claim claim, long now) {
		return now - claim.claimedAt() > CREATION_GRACE.toNanos() && !this.streamExists.test(stream);
	}

	/**
	 * Removes the owner of a deleted stream, so that any key may create a stream under its id at once.
	 */
	public void release(String stream) {
		this.owners.remove(stream);
	}

	int size() {
		return this.owners.size();
	}

	/**
	 * Counts the live streams of an owner that match a condition, such as having a pull source.
	 */
	public int count(String owner, Predicate<String> condition) {
		int count = 0;
		for (Map.Entry<String, Claim> entry : this.owners.entrySet()) {
			String stream = entry.getKey();
			if (entry.getValue().owner().equals(owner) && this.streamExists.test(stream) && condition.test(stream)) {
				count++;
			}
		}
		return count;
	}


	/**
	 * An owner and when it last claimed or used the stream, in {@link System#nanoTime()} units.
	 */
	private record Claim(String owner, long claimedAt) {

	}

}
