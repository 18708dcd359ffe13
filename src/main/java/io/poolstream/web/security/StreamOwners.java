package io.poolstream.web.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Records which key created each stream, so that one ingest key cannot push to, change or delete
 * another key's stream.
 *
 * <p>An owner is kept only while its stream exists: a claim on a stream that no longer exists
 * succeeds for anyone, and {@link #claim} drops records of deleted streams once the map contains
 * more than {@code maxEntries}, which bounds it. Any thread may call the methods.
 */
public final class StreamOwners {

	private final Map<String, String> owners = new ConcurrentHashMap<>();

	private final Predicate<String> streamExists;

	private final int maxEntries;


	/**
	 * Creates the record.
	 * @param streamExists returns whether a stream id names a live stream
	 * @param maxEntries how many records may be kept before deleted streams' records are dropped
	 */
	public StreamOwners(Predicate<String> streamExists, int maxEntries) {
		this.streamExists = streamExists;
		this.maxEntries = maxEntries;
	}


	/**
	 * Claims a stream for an owner, or confirms the owner's earlier claim.
	 * @return {@code true} if the stream belongs to the owner now, {@code false} if another owner's
	 * stream exists under that id
	 */
	public boolean claim(String stream, String owner) {
		if (this.owners.size() > this.maxEntries) {
			this.owners.keySet().removeIf((id) -> !this.streamExists.test(id));
		}
		// NOTE: a claim made just before its stream is created can be taken over by a second key
		// that claims the same new id before the first request has created the stream.
		String holder = this.owners.compute(stream, (id, current) -> (current == null || current.equals(owner)
				|| !this.streamExists.test(id)) ? owner : current);
		return owner.equals(holder);
	}

	/**
	 * Counts the live streams of an owner that match a condition, such as having a pull source.
	 */
	public int count(String owner, Predicate<String> condition) {
		int count = 0;
		for (Map.Entry<String, String> entry : this.owners.entrySet()) {
			if (entry.getValue().equals(owner) && this.streamExists.test(entry.getKey()) && condition.test(entry.getKey())) {
				count++;
			}
		}
		return count;
	}

}
