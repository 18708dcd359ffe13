package io.poolstream.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Splits a long body whose container is recognised by its first bytes rather than by a content type,
 * because clients such as ffmpeg send {@code multipart/x-mixed-replace} bodies with no
 * {@code Content-Type} at all.
 *
 * <p>A body that starts with {@code --boundary} is a multipart body, one that starts with a JPEG
 * start-of-image marker is concatenated JPEG, and one that starts with {@code P5} or {@code P6} is
 * concatenated netpbm. Anything else is taken as one whole image, up to the frame limit, for the
 * decoder to accept or reject. Line breaks and spaces before the first other byte are dropped. A
 * boundary that is empty, longer than 200 characters or contains a line break is rejected as a
 * {@link MalformedBodyException}, whether the content type declared it or the first line held it.
 */
public final class SniffingSplitter implements FrameSplitter {

	/** Maximum length of a first line that contains a multipart boundary. */
	private static final int MAX_BOUNDARY_LINE = 200;


	private final int maxFrameBytes;

	private final @Nullable String declaredBoundary;

	private final ByteArrayOutputStream head = new ByteArrayOutputStream();

	private @Nullable FrameSplitter delegate;


	/**
	 * Creates a splitter.
	 * @param maxFrameBytes the largest frame accepted
	 * @param declaredBoundary the boundary from a {@code multipart/x-mixed-replace} content type,
	 * or {@code null} to read it from the body's first line
	 */
	public SniffingSplitter(int maxFrameBytes, @Nullable String declaredBoundary) {
		this.maxFrameBytes = maxFrameBytes;
		this.declaredBoundary = declaredBoundary;
	}


	@Override
	public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> frames) {
		if (this.delegate != null) {
			this.delegate.feed(chunk, offset, length, frames);
			return;
		}
		// Leading line breaks and spaces are dropped as they arrive, so a body of nothing but
		// whitespace cannot grow the head without bound.
		int start = offset;
		int end = offset + length;
		while (this.head.size() == 0 && start < end && isLeadingWhitespace(chunk[start])) {
			start++;
		}
		this.head.write(chunk, start, end - start);
		FrameSplitter chosen = choose(false);
		if (chosen != null) {
			start(chosen, frames);
		}
	}

	@Override
	public void finish(Consumer<byte[]> frames) {
		if (this.delegate == null) {
			FrameSplitter chosen = choose(true);
			if (chosen == null) {
				return;
			}
			start(chosen, frames);
		}
		this.delegate.finish(frames);
	}

	private void start(FrameSplitter chosen, Consumer<byte[]> frames) {
		this.delegate = chosen;
		byte[] buffered = this.head.toByteArray();
		this.head.reset();
		chosen.feed(buffered, 0, buffered.length, frames);
	}

	/**
	 * Picks the container once enough bytes are in, or returns {@code null} to wait for more.
	 * At the end of the body it decides with whatever arrived.
	 */
	private @Nullable FrameSplitter choose(boolean ended) {
		byte[] bytes = this.head.toByteArray();
		int start = 0;
		int available = bytes.length;
		if (available < 2) {
			return ended ? wholeBody(available) : null;
		}
		if (this.declaredBoundary != null || (bytes[start] == '-' && bytes[start + 1] == '-')) {
			String boundary = (this.declaredBoundary != null) ? this.declaredBoundary : firstLineBoundary(bytes, start, ended);
			if (boundary == null) {
				return null;
			}
			if (!MultipartReplaceSplitter.isValidBoundary(boundary)) {
				throw new MalformedBodyException("the multipart boundary has " + boundary.length()
						+ " characters or a line break; use 1 to 200 characters without line breaks");
			}
			return new MultipartReplaceSplitter(boundary, this.maxFrameBytes);
		}
		if ((bytes[start] & 0xFF) == 0xFF && (bytes[start + 1] & 0xFF) == 0xD8) {
			return new ConcatenatedJpegSplitter(this.maxFrameBytes);
		}
		if (bytes[start] == 'P' && (bytes[start + 1] == '5' || bytes[start + 1] == '6')) {
			return new ConcatenatedPnmSplitter(this.maxFrameBytes);
		}
		return new WholeBodySplitter(this.maxFrameBytes);
	}

	private static boolean isLeadingWhitespace(byte value) {
		return value == '\r' || value == '\n' || value == ' ';
	}

	private @Nullable String firstLineBoundary(byte[] bytes, int start, boolean ended) {
		for (int i = start; i < bytes.length && i - start <= MAX_BOUNDARY_LINE; i++) {
			if (bytes[i] == '\n') {
				String line = new String(bytes, start + 2, i - start - 2, StandardCharsets.ISO_8859_1).trim();
				if (line.isEmpty()) {
					throw new MalformedBodyException("the body starts with '--' but no multipart boundary follows");
				}
				return line;
			}
		}
		if (ended || bytes.length - start > MAX_BOUNDARY_LINE) {
			throw new MalformedBodyException("the body starts with '--' but its first line is not a multipart "
					+ "boundary line within " + MAX_BOUNDARY_LINE + " bytes");
		}
		return null;
	}

	private @Nullable FrameSplitter wholeBody(int available) {
		if (available == 0) {
			return null;
		}
		return new WholeBodySplitter(this.maxFrameBytes);
	}


	/**
	 * Takes the whole body as one frame.
	 */
	private static final class WholeBodySplitter implements FrameSplitter {

		private final int maxFrameBytes;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		WholeBodySplitter(int maxFrameBytes) {
			this.maxFrameBytes = maxFrameBytes;
		}

		@Override
		public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> frames) {
			if ((long) this.body.size() + length > this.maxFrameBytes) {
				throw new ImageTooLargeException("the frame is larger than the limit of " + this.maxFrameBytes
						+ " bytes; send smaller frames or raise poolstream.limits.max-frame-bytes",
						(long) this.body.size() + length, this.maxFrameBytes);
			}
			this.body.write(chunk, offset, length);
		}

		@Override
		public void finish(Consumer<byte[]> frames) {
			if (this.body.size() > 0) {
				frames.accept(this.body.toByteArray());
			}
		}

	}

}
