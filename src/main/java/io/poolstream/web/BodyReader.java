package io.poolstream.web;

import java.util.Locale;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads whole request bodies into byte arrays, counting bytes as they arrive.
 *
 * <p>A declared {@code Content-Length} above the limit is refused before reading, but the count of
 * bytes actually received is what enforces the limit, because a chunked body declares nothing.
 */
final class BodyReader {

	private BodyReader() {
	}


	/**
	 * Joins the body of a request, failing with {@link PayloadTooLargeException} past {@code limit}
	 * bytes. Buffers are released on success, failure and cancellation.
	 */
	static Mono<byte[]> read(ServerHttpRequest request, long limit, String property) {
		long declared = request.getHeaders().getContentLength();
		if (declared > limit) {
			return Mono.error(new PayloadTooLargeException("the request body of " + describeBytes(declared), limit,
					property));
		}
		return read(request.getBody(), limit, property);
	}

	static Mono<byte[]> read(Flux<DataBuffer> body, long limit, String property) {
		int cap = (int) Math.min(limit, Integer.MAX_VALUE - 8);
		return DataBufferUtils.join(body, cap)
			.map((joined) -> {
				try {
					byte[] bytes = new byte[joined.readableByteCount()];
					joined.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(joined);
				}
			})
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new PayloadTooLargeException("the request body", limit, property));
	}

	static String describeBytes(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		if (bytes >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
		}
		if (bytes >= 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return bytes + " bytes";
	}

}
