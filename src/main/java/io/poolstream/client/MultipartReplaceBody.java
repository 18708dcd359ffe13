package io.poolstream.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Writes frames as one {@code multipart/x-mixed-replace} body, part by part as they arrive.
 *
 * <p>Each part declares its {@code Content-Length}, so the server takes exactly that many bytes
 * and a frame that happens to contain the boundary cannot cut it short. Frames are wrapped, not
 * copied, so the caller must not change an array after emitting it.
 */
final class MultipartReplaceBody {

	private static final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	private static final byte[] LINE_BREAK = "\r\n".getBytes(StandardCharsets.US_ASCII);


	private final String boundary;


	MultipartReplaceBody() {
		// The boundary need not be secret, and ThreadLocalRandom never blocks, unlike SecureRandom.
		this.boundary = "poolstream-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
	}


	String contentType() {
		return "multipart/x-mixed-replace;boundary=" + this.boundary;
	}

	/**
	 * Maps frames to body buffers, requesting one frame at a time from {@code frames}.
	 */
	Flux<DataBuffer> write(Flux<byte[]> frames, String partType) {
		return Flux.concat(frames.concatMapIterable((frame) -> part(frame, partType), 1),
				Mono.fromSupplier(() -> buffers.wrap(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII))));
	}

	private List<DataBuffer> part(byte[] frame, String partType) {
		String header = "--" + this.boundary + "\r\nContent-Type: " + partType + "\r\nContent-Length: " + frame.length
				+ "\r\n\r\n";
		return List.of(buffers.wrap(header.getBytes(StandardCharsets.US_ASCII)), buffers.wrap(frame),
				buffers.wrap(LINE_BREAK));
	}

}
