package io.poolstream.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A cap, shared by every stream, on the frames and encoded bytes held between arrival and the end
 * of processing. Per-stream capacities bound each stream; this bounds their sum, so no mix of
 * producers can exhaust the heap.
 *
 * <p>A frame reserves its share when it is queued and releases it when it is evicted, discarded or
 * finished. Thread-safe and lock-free.
 */
public final class IngressBudget {

	private final long maxFrames;

	private final long maxBytes;

	private final AtomicLong frames = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();


	/**
	 * @param maxFrames the most frames held at once, across all streams
	 * @param maxBytes the most encoded bytes held at once, across all streams
	 */
	public IngressBudget(long maxFrames, long maxBytes) {
		if (maxFrames < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("budget limits must be positive, got " + maxFrames + " frames and "
					+ maxBytes + " bytes");
		}
		this.maxFrames = maxFrames;
		this.maxBytes = maxBytes;
	}


	/**
	 * Reserves room for one frame of {@code size} bytes.
	 * @return whether the room was reserved; when not, nothing is held
	 */
	public boolean tryReserve(long size) {
		if (this.frames.incrementAndGet() > this.maxFrames) {
			this.frames.decrementAndGet();
			return false;
		}
		if (this.bytes.addAndGet(size) > this.maxBytes) {
			this.bytes.addAndGet(-size);
			this.frames.decrementAndGet();
			return false;
		}
		return true;
	}

	/**
	 * Returns the room of one frame of {@code size} bytes.
	 */
	public void release(long size) {
		this.bytes.addAndGet(-size);
		this.frames.decrementAndGet();
	}

	/**
	 * Returns whether the held frames and bytes are both below their caps, so a small frame would fit now.
	 */
	public boolean hasRoom() {
		return this.frames.get() < this.maxFrames && this.bytes.get() < this.maxBytes;
	}

	public long frames() {
		return this.frames.get();
	}

	public long bytes() {
		return this.bytes.get();
	}

}
