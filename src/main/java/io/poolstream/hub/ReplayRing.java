package io.poolstream.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.poolstream.pipeline.FrameOutcome;

/**
 * The newest outcomes of one stream, bounded by count and by bytes, oldest first.
 *
 * <p>Not thread-safe: the owning channel guards it.
 */
final class ReplayRing {

	private final ArrayDeque<FrameOutcome> outcomes = new ArrayDeque<>();

	private int maxCount;

	private final long maxBytes;

	private long bytes;

	/** The highest sequence number evicted so far, 0 when none was. */
	private long lastEvictedSeq;


	ReplayRing(int maxCount, long maxBytes) {
		this.maxCount = maxCount;
		this.maxBytes = maxBytes;
	}


	void resize(int newMaxCount) {
		this.maxCount = newMaxCount;
		trim();
	}

	void add(FrameOutcome outcome) {
		this.outcomes.addLast(outcome);
		this.bytes += outcome.retainedBytes();
		trim();
	}

	/**
	 * Returns the retained outcomes with a sequence number above {@code seq}, oldest first.
	 */
	List<FrameOutcome> after(long seq) {
		List<FrameOutcome> newer = new ArrayList<>();
		for (FrameOutcome outcome : this.outcomes) {
			if (outcome.seq() > seq) {
				newer.add(outcome);
			}
		}
		return newer;
	}

	Optional<FrameOutcome> find(long seq) {
		for (FrameOutcome outcome : this.outcomes) {
			if (outcome.seq() == seq) {
				return Optional.of(outcome);
			}
		}
		return Optional.empty();
	}

	Optional<FrameOutcome> newest() {
		return Optional.ofNullable(this.outcomes.peekLast());
	}

	long lastEvictedSeq() {
		return this.lastEvictedSeq;
	}

	int size() {
		return this.outcomes.size();
	}

	private void trim() {
		// The newest outcome always stays, even when it alone is larger than the byte bound.
		while (this.outcomes.size() > 1 && (this.outcomes.size() > this.maxCount || this.bytes > this.maxBytes)) {
			FrameOutcome evicted = this.outcomes.removeFirst();
			this.bytes -= evicted.retainedBytes();
			this.lastEvictedSeq = Math.max(this.lastEvictedSeq, evicted.seq());
		}
	}

}
