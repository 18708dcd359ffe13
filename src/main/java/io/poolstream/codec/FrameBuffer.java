package io.poolstream.codec;

import java.util.Arrays;

/**
 * A growable byte array for one frame that raises {@link ImageTooLargeException} before it
 * would grow past its limit.
 */
final class FrameBuffer {

	private static final int INITIAL_CAPACITY = 64 * 1024;

	private final int maxBytes;

	private final String unit;

	private byte[] bytes;

	private int size;


	/**
	 * Creates an empty buffer.
	 * @param maxBytes the largest frame accepted, in bytes
	 * @param unit what a frame is, for messages, for example "JPEG frame"
	 */
	FrameBuffer(int maxBytes, String unit) {
		this.maxBytes = maxBytes;
		this.unit = unit;
		this.bytes = new byte[Math.min(INITIAL_CAPACITY, maxBytes)];
	}


	/**
	 * Checks the frame limit passed to a splitter constructor.
	 */
	static int checkMaxFrameBytes(int maxFrameBytes) {
		if (maxFrameBytes < 1) {
			throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
		}
		return maxFrameBytes;
	}

	void append(byte[] source, int offset, int length) {
		if (length > this.maxBytes - this.size) {
			throw tooLarge((long) this.size + length);
		}
		ensureCapacity(this.size + length);
		System.arraycopy(source, offset, this.bytes, this.size, length);
		this.size += length;
	}

	void append(byte value) {
		if (this.size == this.maxBytes) {
			throw tooLarge(this.size + 1L);
		}
		ensureCapacity(this.size + 1);
		this.bytes[this.size++] = value;
	}

	/**
	 * Raises the exception for a frame of the given size, for callers that know a frame's size
	 * before its bytes arrive.
	 */
	ImageTooLargeException tooLarge(long frameBytes) {
		return new ImageTooLargeException(this.unit + " of at least " + frameBytes + " bytes is above the "
				+ this.maxBytes + " byte frame limit; lower the source resolution or quality, or raise the limit",
				frameBytes, this.maxBytes);
	}

	int size() {
		return this.size;
	}

	int maxBytes() {
		return this.maxBytes;
	}

	byte get(int index) {
		return this.bytes[index];
	}

	/**
	 * Returns a copy of the first {@code length} bytes and empties the buffer.
	 */
	byte[] take(int length) {
		byte[] frame = Arrays.copyOf(this.bytes, length);
		this.size = 0;
		return frame;
	}

	void clear() {
		this.size = 0;
	}

	private void ensureCapacity(int required) {
		if (required > this.bytes.length) {
			int grown = (int) Math.min(this.maxBytes, Math.max(required, 2L * this.bytes.length));
			this.bytes = Arrays.copyOf(this.bytes, grown);
		}
	}

}
