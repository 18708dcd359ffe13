package io.poolstream.codec;

import java.util.function.Consumer;

/**
 * Splits a long body, such as an MJPEG stream, into encoded frames as its chunks arrive.
 *
 * <p>A splitter never keeps the whole body in memory. It buffers at most one frame, bounded by its
 * {@code maxFrameBytes}. Each emitted array is a new copy that the consumer owns. Instances keep
 * state between calls and are not thread-safe, so one body is fed from one thread at a time, in
 * order. After a method throws, the splitter is in an undefined state and must be dropped.
 */
public interface FrameSplitter {

	/**
	 * Consumes the next chunk of the body and emits each frame that it completes, in order, before
	 * returning. The splitter copies what it needs, so the caller may reuse {@code chunk}.
	 * @throws ImageTooLargeException if a frame grows or declares itself beyond {@code maxFrameBytes}
	 * @throws MalformedBodyException if the framing is invalid
	 */
	void feed(byte[] chunk, int offset, int length, Consumer<byte[]> frames);

	/**
	 * Signals the end of the body and emits a last frame if one is complete. Bytes after the last
	 * frame that are only whitespace or boundary lines are ignored.
	 * @throws CorruptImageException if the body ended inside a frame
	 */
	void finish(Consumer<byte[]> frames);

}
