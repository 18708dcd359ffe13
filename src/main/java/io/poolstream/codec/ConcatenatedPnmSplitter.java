package io.poolstream.codec;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits binary PGM (P5) and PPM (P6) frames written back to back, as
 * {@code ffmpeg -f image2pipe -c:v ppm} writes them.
 *
 * <p>Each frame is its header followed by exactly width × height × channels samples of 1 byte,
 * or 2 bytes when the maximum value is above 255. The splitter checks that size against
 * {@code maxFrameBytes} as soon as the header is complete, before it buffers any sample, and
 * then allocates the frame at its exact size. Plain P2 and P3 frames have no fixed size and are
 * rejected. Whitespace between frames is skipped.
 */
public final class ConcatenatedPnmSplitter implements FrameSplitter {

	private final int maxFrameBytes;

	private final FrameBuffer header;

	private byte[] frame = new byte[0];

	private int frameFilled;

	private boolean inPixelData;

	private long frameCount;


	/**
	 * Creates a splitter for one body.
	 * @param maxFrameBytes the largest frame accepted, header included, in bytes
	 */
	public ConcatenatedPnmSplitter(int maxFrameBytes) {
		this.maxFrameBytes = FrameBuffer.checkMaxFrameBytes(maxFrameBytes);
		this.header = new FrameBuffer(NetpbmHeader.MAX_HEADER_BYTES, "netpbm header");
	}


	@Override
	public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> frames) {
		Objects.checkFromIndexSize(offset, length, chunk.length);
		int end = offset + length;
		int position = offset;
		while (position < end) {
			if (this.inPixelData) {
				int copied = Math.min(this.frame.length - this.frameFilled, end - position);
				System.arraycopy(chunk, position, this.frame, this.frameFilled, copied);
				this.frameFilled += copied;
				position += copied;
				if (this.frameFilled == this.frame.length) {
					frames.accept(this.frame);
					this.frameCount++;
					this.frame = new byte[0];
					this.inPixelData = false;
				}
				continue;
			}
			byte value = chunk[position++];
			if (this.header.size() == 0 && NetpbmHeader.isWhitespace(value)) {
				continue;
			}
			if (this.header.size() == NetpbmHeader.MAX_HEADER_BYTES) {
				throw new MalformedBodyException("netpbm header of frame " + (this.frameCount + 1)
						+ " is not complete within " + NetpbmHeader.MAX_HEADER_BYTES + " bytes");
			}
			this.header.append(value);
			if (NetpbmHeader.isWhitespace(value) || this.header.size() == 2) {
				startFrameIfHeaderComplete();
			}
		}
	}

	/**
	 * Parses the buffered header bytes and, once they form a whole header, allocates the frame.
	 * Parsing runs only after a whitespace byte, because every header field ends with one.
	 */
	private void startFrameIfHeaderComplete() {
		byte[] bytes = new byte[this.header.size()];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = this.header.get(i);
		}
		NetpbmHeader parsed;
		try {
			parsed = NetpbmHeader.parse(bytes, 0, bytes.length);
		}
		catch (CorruptImageException ex) {
			throw new MalformedBodyException("frame " + (this.frameCount + 1) + ": " + ex.getMessage());
		}
		if (parsed == null) {
			return;
		}
		if (!parsed.binary()) {
			throw new MalformedBodyException("frame " + (this.frameCount + 1) + " is plain-text netpbm (P"
					+ parsed.magic() + "), which has no fixed size; send binary P5 or P6 frames");
		}

		long frameBytes = parsed.length() + parsed.pixelDataLength();
		if (frameBytes > this.maxFrameBytes) {
			throw new ImageTooLargeException(parsed.formatName() + " frame of " + parsed.width() + "x"
					+ parsed.height() + " pixels is " + frameBytes + " bytes, above the " + this.maxFrameBytes
					+ " byte frame limit; lower the source resolution, or raise the limit", frameBytes,
					this.maxFrameBytes);
		}
		this.frame = new byte[(int) frameBytes];
		System.arraycopy(bytes, 0, this.frame, 0, bytes.length);
		this.frameFilled = bytes.length;
		this.header.clear();
		this.inPixelData = true;
	}

	@Override
	public void finish(Consumer<byte[]> frames) {
		if (this.inPixelData) {
			throw new CorruptImageException("body ended inside a frame after " + this.frameFilled + " of "
					+ this.frame.length + " bytes; the last netpbm frame was cut off");
		}
		if (this.header.size() > 0) {
			throw new CorruptImageException("body ended inside a frame after " + this.header.size()
					+ " bytes; the last netpbm header is incomplete");
		}
	}

}
