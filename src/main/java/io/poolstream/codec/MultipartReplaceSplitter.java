package io.poolstream.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits a {@code multipart/x-mixed-replace} body into the payloads of its parts, as ffmpeg's
 * mpjpeg muxer and IP cameras write it.
 *
 * <p>Each part is a delimiter line {@code --boundary}, header lines, an empty line and the
 * payload. Header names are matched without regard to case. When a part has a valid
 * {@code Content-Length}, the splitter takes exactly that many bytes, checking the length
 * against {@code maxFrameBytes} before buffering, and then expects the next delimiter line.
 * Without one, it scans for a line break followed by the delimiter and drops that line break
 * from the payload. A preamble before the first delimiter is skipped. The closing
 * {@code --boundary--} line may be missing, and anything after it is ignored.
 *
 * <p>Delimiter lines are matched as {@code --boundary}, and also as {@code boundary} alone when
 * the boundary itself starts with {@code --}, because some cameras declare the boundary with
 * its dashes.
 */
public final class MultipartReplaceSplitter implements FrameSplitter {

	/** Maximum length of a header or delimiter line, so that a body without line breaks fails fast. */
	private static final int MAX_LINE_BYTES = 8192;

	/** Maximum number of header lines per part. */
	private static final int MAX_HEADER_LINES = 64;

	private static final int MAX_PREAMBLE_BYTES = 64 * 1024;

	private enum State {
		/** Reading lines before the first delimiter. */
		PREAMBLE,
		/** Expecting a delimiter line, skipping empty lines. */
		DELIMITER,
		/** Reading header lines up to an empty line. */
		HEADERS,
		/** Copying a payload of known length. */
		COUNTED_PAYLOAD,
		/** Copying a payload until the delimiter appears. */
		SCANNED_PAYLOAD,
		/** Reading the rest of a delimiter line found inside a scanned payload. */
		DELIMITER_TAIL,
		/** After the closing delimiter: everything is ignored. */
		CLOSED
	}

	private final String boundary;

	private final byte[] delimiter;

	/** A line break followed by the delimiter, which ends a scanned payload. */
	private final byte[] scanPattern;

	private final FrameBuffer line = new FrameBuffer(MAX_LINE_BYTES, "multipart header line");

	private final FrameBuffer payload;

	private State state = State.PREAMBLE;

	private long preambleBytes;

	private int headerLines;

	private long contentLength = -1;

	private int matchedPatternBytes;

	private long frameCount;


	/**
	 * Creates a splitter for one body.
	 * @param boundary the boundary parameter of the body's content type, without quotes
	 * @param maxFrameBytes the largest part payload accepted, in bytes
	 */
	public MultipartReplaceSplitter(String boundary, int maxFrameBytes) {
		Objects.requireNonNull(boundary, "boundary");
		if (!isValidBoundary(boundary)) {
			throw new IllegalArgumentException("boundary must be 1 to 200 characters without line breaks, got '"
					+ boundary + "'");
		}
		this.boundary = boundary;
		this.delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.scanPattern = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.payload = new FrameBuffer(FrameBuffer.checkMaxFrameBytes(maxFrameBytes), "multipart frame");
	}


	/**
	 * Returns whether the constructor accepts the boundary: 1 to 200 characters without line breaks.
	 */
	static boolean isValidBoundary(String boundary) {
		return !boundary.isEmpty() && boundary.length() <= 200 && boundary.indexOf('\r') < 0
				&& boundary.indexOf('\n') < 0;
	}

	@Override
	public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> frames) {
		Objects.checkFromIndexSize(offset, length, chunk.length);
		int end = offset + length;
		int position = offset;
		while (position < end) {
			switch (this.state) {
				case COUNTED_PAYLOAD -> position = copyCountedPayload(chunk, position, end, frames);
				case SCANNED_PAYLOAD -> position = scanPayload(chunk, position, end, frames);
				case CLOSED -> position = end;
				default -> {
					byte value = chunk[position++];
					if (value == '\n') {
						handleLine(trimmedLine());
						this.line.clear();
					}
					else {
						appendToLine(value);
					}
				}
			}
		}
	}

	private void appendToLine(byte value) {
		if (this.line.size() == MAX_LINE_BYTES) {
			throw new MalformedBodyException("multipart line longer than " + MAX_LINE_BYTES
					+ " bytes in " + describeState() + "; check the boundary, expected '--" + this.boundary + "'");
		}
		this.line.append(value);
	}

	private String trimmedLine() {
		int length = this.line.size();
		if (length > 0 && this.line.get(length - 1) == '\r') {
			length--;
		}
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = this.line.get(i);
		}
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private void handleLine(String text) {
		switch (this.state) {
			case PREAMBLE -> {
				if (isDelimiter(text)) {
					startHeaders();
				}
				else if (isCloseDelimiter(text)) {
					this.state = State.CLOSED;
				}
				else {
					this.preambleBytes += text.length() + 1;
					if (this.preambleBytes > MAX_PREAMBLE_BYTES) {
						throw new MalformedBodyException("no multipart delimiter '--" + this.boundary + "' in the first "
								+ MAX_PREAMBLE_BYTES + " bytes; check the boundary of the content type");
					}
				}
			}
			case DELIMITER -> {
				if (isDelimiter(text)) {
					startHeaders();
				}
				else if (isCloseDelimiter(text)) {
					this.state = State.CLOSED;
				}
				else if (!text.isBlank()) {
					throw new MalformedBodyException("expected the multipart delimiter '--" + this.boundary
							+ "' after frame " + this.frameCount + ", found '" + abbreviate(text)
							+ "'; check the Content-Length of that part");
				}
			}
			case HEADERS -> handleHeaderLine(text);
			case DELIMITER_TAIL -> {
				if (text.startsWith("--")) {
					this.state = State.CLOSED;
				}
				else if (text.isBlank()) {
					startHeaders();
				}
				else {
					throw new MalformedBodyException("invalid multipart delimiter line '--" + this.boundary
							+ abbreviate(text) + "'");
				}
			}
			default -> throw new IllegalStateException("unexpected state " + this.state);
		}
	}

	private void startHeaders() {
		this.state = State.HEADERS;
		this.headerLines = 0;
		this.contentLength = -1;
	}

	private void handleHeaderLine(String text) {
		if (text.isEmpty()) {
			startPayload();
			return;
		}
		if (++this.headerLines > MAX_HEADER_LINES) {
			throw new MalformedBodyException("multipart part " + (this.frameCount + 1) + " has more than "
					+ MAX_HEADER_LINES + " header lines");
		}
		int colon = text.indexOf(':');
		if (colon <= 0) {
			throw new MalformedBodyException("invalid header line '" + abbreviate(text) + "' in multipart part "
					+ (this.frameCount + 1) + "; expected 'Name: value'");
		}
		String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
		if (name.equals("content-length")) {
			this.contentLength = parseContentLength(text.substring(colon + 1).trim());
		}
	}

	private long parseContentLength(String value) {
		if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
			throw new MalformedBodyException("invalid Content-Length '" + abbreviate(value) + "' in multipart part "
					+ (this.frameCount + 1) + "; expected a decimal byte count");
		}
		long length = Long.parseLong(value);
		if (length > this.payload.maxBytes()) {
			throw new ImageTooLargeException("multipart part " + (this.frameCount + 1) + " declares " + length
					+ " bytes, above the " + this.payload.maxBytes() + " byte frame limit; lower the source "
					+ "resolution or quality, or raise the limit", length, this.payload.maxBytes());
		}
		return length;
	}

	private void startPayload() {
		this.payload.clear();
		this.matchedPatternBytes = 0;
		if (this.contentLength == 0) {
			this.frameCount++;
			this.state = State.DELIMITER;
		}
		else {
			this.state = (this.contentLength > 0) ? State.COUNTED_PAYLOAD : State.SCANNED_PAYLOAD;
		}
	}

	private int copyCountedPayload(byte[] chunk, int position, int end, Consumer<byte[]> frames) {
		int copied = (int) Math.min(this.contentLength - this.payload.size(), end - position);
		this.payload.append(chunk, position, copied);
		if (this.payload.size() == this.contentLength) {
			emit(this.payload.size(), frames);
			this.state = State.DELIMITER;
		}
		return position + copied;
	}

	/**
	 * Copies payload bytes while matching the scan pattern. Matched bytes are held back in
	 * {@link #matchedPatternBytes} rather than buffered, so the payload never exceeds its limit
	 * because of the delimiter. The pattern's first byte, a line feed, occurs nowhere else in it,
	 * so on a mismatch the match can restart at the current byte without backtracking.
	 */
	private int scanPayload(byte[] chunk, int position, int end, Consumer<byte[]> frames) {
		int runStart = position;
		while (position < end) {
			byte value = chunk[position];
			if (value == this.scanPattern[this.matchedPatternBytes]) {
				if (this.matchedPatternBytes == 0) {
					this.payload.append(chunk, runStart, position - runStart);
				}
				this.matchedPatternBytes++;
				position++;
				if (this.matchedPatternBytes == this.scanPattern.length) {
					int length = this.payload.size();
					boolean carriageReturn = length > 0 && this.payload.get(length - 1) == '\r';
					emit(carriageReturn ? length - 1 : length, frames);
					this.matchedPatternBytes = 0;
					this.line.clear();
					this.state = State.DELIMITER_TAIL;
					return position;
				}
				runStart = position;
			}
			else if (this.matchedPatternBytes > 0) {
				this.payload.append(this.scanPattern, 0, this.matchedPatternBytes);
				this.matchedPatternBytes = 0;
				runStart = position;
			}
			else {
				position++;
			}
		}
		if (this.matchedPatternBytes == 0) {
			this.payload.append(chunk, runStart, end - runStart);
		}
		return end;
	}

	private void emit(int length, Consumer<byte[]> frames) {
		byte[] frame = this.payload.take(length);
		this.frameCount++;
		if (frame.length > 0) {
			frames.accept(frame);
		}
	}

	@Override
	public void finish(Consumer<byte[]> frames) {
		switch (this.state) {
			case COUNTED_PAYLOAD -> throw new CorruptImageException("body ended inside a frame after "
					+ this.payload.size() + " of " + this.contentLength + " bytes; the last multipart part was cut off");
			case SCANNED_PAYLOAD -> finishScannedPayload(frames);
			case HEADERS -> {
				if (this.headerLines > 0 || this.line.size() > 0) {
					throw new CorruptImageException("body ended inside the headers of multipart part "
							+ (this.frameCount + 1));
				}
			}
			default -> {
				// A partial delimiter or blank line at the very end is boundary noise.
			}
		}
	}

	/**
	 * Emits the last part of a body that ended without a delimiter after it. Without a
	 * Content-Length the splitter cannot tell a complete payload from a cut one, so it emits the
	 * bytes and leaves that judgement to the decoder, which rejects a JPEG without its
	 * end-of-image marker.
	 */
	private void finishScannedPayload(Consumer<byte[]> frames) {
		if (this.matchedPatternBytes > 0) {
			this.payload.append(this.scanPattern, 0, this.matchedPatternBytes);
			this.matchedPatternBytes = 0;
		}
		int length = this.payload.size();
		while (length > 0 && NetpbmHeader.isWhitespace(this.payload.get(length - 1))) {
			length--;
		}
		if (length > 0) {
			emit(length, frames);
		}
	}

	private boolean isDelimiter(String text) {
		String stripped = text.stripTrailing();
		return stripped.equals("--" + this.boundary) || (this.boundary.startsWith("--") && stripped.equals(this.boundary));
	}

	private boolean isCloseDelimiter(String text) {
		String stripped = text.stripTrailing();
		return stripped.equals("--" + this.boundary + "--")
				|| (this.boundary.startsWith("--") && stripped.equals(this.boundary + "--"));
	}

	private String describeState() {
		return switch (this.state) {
			case PREAMBLE -> "the preamble";
			case HEADERS -> "the headers of part " + (this.frameCount + 1);
			default -> "the delimiter line after part " + this.frameCount;
		};
	}

	private static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 60) + "...";
	}

}
