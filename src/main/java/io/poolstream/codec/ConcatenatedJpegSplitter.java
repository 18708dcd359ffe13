package io.poolstream.codec;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits JPEG frames written back to back, SOI to EOI, as {@code ffmpeg -f mjpeg} writes them.
 *
 * <p>The splitter parses the marker structure instead of searching for {@code FF D9}: it skips
 * each marker segment by its length, so an EOI inside an EXIF thumbnail or other APPn payload
 * does not end the frame. In entropy-coded data after SOS it passes over stuffed {@code FF 00}
 * bytes, fill bytes and RST0 to RST7 markers, and treats any other marker as the next segment,
 * which covers the many scans of a progressive JPEG. Whitespace between frames is skipped.
 */
public final class ConcatenatedJpegSplitter implements FrameSplitter {

	private static final int MARKER_SOI = 0xD8;

	private static final int MARKER_EOI = 0xD9;

	private static final int MARKER_SOS = 0xDA;

	private enum State {
		/** Between frames, expecting FF D8 or whitespace. */
		BETWEEN_FRAMES,
		/** Read FF between frames, expecting D8. */
		START_MARKER,
		/** Inside a frame, expecting FF that starts the next marker. */
		MARKER_PREFIX,
		/** Read FF (and maybe fill bytes), expecting the marker code. */
		MARKER_CODE,
		/** Expecting the high byte of a segment length. */
		LENGTH_HIGH,
		/** Expecting the low byte of a segment length. */
		LENGTH_LOW,
		/** Skipping the payload of a segment. */
		PAYLOAD,
		/** Inside entropy-coded data. */
		ENTROPY,
		/** Read FF inside entropy-coded data. */
		ENTROPY_PREFIX
	}

	private final FrameBuffer frame;

	private State state = State.BETWEEN_FRAMES;

	private int marker;

	private int remainingPayload;

	/** Body offset of the first byte of the current chunk, for messages. */
	private long chunkBodyOffset;

	private int chunkOffset;


	/**
	 * Creates a splitter for one body.
	 * @param maxFrameBytes the largest frame accepted, in bytes
	 */
	public ConcatenatedJpegSplitter(int maxFrameBytes) {
		this.frame = new FrameBuffer(FrameBuffer.checkMaxFrameBytes(maxFrameBytes), "JPEG frame");
	}


	@Override
	public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> frames) {
		Objects.checkFromIndexSize(offset, length, chunk.length);
		this.chunkOffset = offset;
		int end = offset + length;
		int frameStart = (this.state == State.BETWEEN_FRAMES) ? -1 : offset;
		int position = offset;
		while (position < end) {
			if (this.state == State.BETWEEN_FRAMES && !isWhitespace(chunk[position])) {
				frameStart = position;
			}
			// The frame limit is checked at the byte that breaks it, before that byte is parsed,
			// so the error does not depend on how the body was cut into chunks.
			int scanEnd = end;
			if (frameStart >= 0) {
				long fits = (long) frameStart + this.frame.maxBytes() - this.frame.size();
				if (position >= fits) {
					throw this.frame.tooLarge(this.frame.size() + (long) position - frameStart + 1);
				}
				scanEnd = (int) Math.min(end, fits);
			}
			if (this.state == State.ENTROPY) {
				position = skipEntropyCodedData(chunk, position, scanEnd);
				continue;
			}
			if (this.state == State.PAYLOAD) {
				int skipped = Math.min(this.remainingPayload, scanEnd - position);
				this.remainingPayload -= skipped;
				position += skipped;
				if (this.remainingPayload == 0) {
					this.state = (this.marker == MARKER_SOS) ? State.ENTROPY : State.MARKER_PREFIX;
				}
				continue;
			}
			boolean frameEnded = step(chunk[position] & 0xFF, position);
			position++;
			if (frameEnded) {
				this.frame.append(chunk, frameStart, position - frameStart);
				frames.accept(this.frame.take(this.frame.size()));
				frameStart = -1;
			}
		}
		if (frameStart >= 0 && this.state != State.BETWEEN_FRAMES) {
			this.frame.append(chunk, frameStart, end - frameStart);
		}
		this.chunkBodyOffset += length;
	}

	/**
	 * Advances past entropy-coded bytes up to the next FF, the only byte that needs attention
	 * there. This loop is the hot path: most of a JPEG is entropy-coded data.
	 */
	private int skipEntropyCodedData(byte[] chunk, int position, int end) {
		while (position < end && chunk[position] != (byte) 0xFF) {
			position++;
		}
		if (position < end) {
			this.state = State.ENTROPY_PREFIX;
			position++;
		}
		return position;
	}

	/**
	 * Consumes one byte outside payloads and entropy-coded runs.
	 * @return whether the byte was the EOI code that ends the frame
	 */
	private boolean step(int value, int position) {
		switch (this.state) {
			case BETWEEN_FRAMES -> {
				if (value == 0xFF) {
					this.state = State.START_MARKER;
				}
				else if (!isWhitespace((byte) value)) {
					throw malformed("expected a JPEG start-of-image marker (FF D8)", value, position);
				}
			}
			case START_MARKER -> {
				if (value != MARKER_SOI) {
					throw malformed("expected a JPEG start-of-image marker (FF D8)", value, position);
				}
				this.state = State.MARKER_PREFIX;
			}
			case MARKER_PREFIX -> {
				if (value != 0xFF) {
					throw malformed("expected a JPEG marker (FF)", value, position);
				}
				this.state = State.MARKER_CODE;
			}
			case MARKER_CODE -> {
				return readMarkerCode(value, position);
			}
			case ENTROPY_PREFIX -> {
				if (value == 0x00 || (value >= 0xD0 && value <= 0xD7)) {
					this.state = State.ENTROPY;
				}
				else if (value != 0xFF) {
					return readMarkerCode(value, position);
				}
			}
			case LENGTH_HIGH -> {
				this.remainingPayload = value << 8;
				this.state = State.LENGTH_LOW;
			}
			case LENGTH_LOW -> {
				int segmentLength = this.remainingPayload | value;
				if (segmentLength < 2) {
					throw malformed("invalid JPEG segment length " + segmentLength + " after marker "
							+ hex(this.marker), value, position);
				}
				this.remainingPayload = segmentLength - 2;
				this.state = (this.remainingPayload > 0) ? State.PAYLOAD
						: (this.marker == MARKER_SOS) ? State.ENTROPY : State.MARKER_PREFIX;
			}
			default -> throw new IllegalStateException("unexpected state " + this.state);
		}
		return false;
	}

	private boolean readMarkerCode(int value, int position) {
		if (value == 0xFF) {
			this.state = State.MARKER_CODE;
			return false;
		}
		if (value == MARKER_EOI) {
			this.state = State.BETWEEN_FRAMES;
			return true;
		}
		if (value == MARKER_SOI || value == 0x00) {
			throw malformed("invalid JPEG marker inside a frame", value, position);
		}
		this.marker = value;
		if (value == 0x01 || (value >= 0xD0 && value <= 0xD7)) {
			// TEM and RSTn have no length field.
			this.state = State.MARKER_PREFIX;
			return false;
		}
		this.state = State.LENGTH_HIGH;
		return false;
	}

	@Override
	public void finish(Consumer<byte[]> frames) {
		if (this.state != State.BETWEEN_FRAMES) {
			throw new CorruptImageException("body ended inside a frame after " + this.frame.size()
					+ " bytes; the last JPEG frame has no end-of-image marker");
		}
	}

	private MalformedBodyException malformed(String expectation, int value, int position) {
		long bodyOffset = this.chunkBodyOffset + position - this.chunkOffset;
		return new MalformedBodyException(expectation + ", found " + hex(value) + " at byte " + bodyOffset
				+ " of the body; send JPEG frames back to back");
	}

	private static String hex(int value) {
		return String.format("%02X", value);
	}

	private static boolean isWhitespace(byte value) {
		return value == '\r' || value == '\n' || value == ' ' || value == '\t';
	}

}
