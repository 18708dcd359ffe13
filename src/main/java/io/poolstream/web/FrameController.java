package io.poolstream.web;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.poolstream.codec.FrameSplitter;
import io.poolstream.codec.ImageFormat;
import io.poolstream.codec.ImageTooLargeException;
import io.poolstream.codec.SniffingSplitter;
import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.FrameOutcome;
import io.poolstream.pipeline.FrameResult;
import io.poolstream.pipeline.StreamIds;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.transport.StreamTransport;

/**
 * Takes frames into a stream and serves retained results.
 */
@RestController
@RequestMapping("/api/v1/streams")
class FrameController {

	private static final Logger logger = LoggerFactory.getLogger(FrameController.class);

	private static final MediaType MULTIPART_MIXED_REPLACE = MediaType.parseMediaType("multipart/x-mixed-replace");


	private final StreamTransport transport;

	private final StreamRegistry registry;

	private final ResultHub hub;

	private final ApiLimits limits;


	FrameController(StreamTransport transport, StreamRegistry registry, ResultHub hub, ApiLimits limits) {
		this.transport = transport;
		this.registry = registry;
		this.hub = hub;
		this.limits = limits;
	}


	/**
	 * Takes one image, returning 202 with its sequence number, or a long body of many frames
	 * ({@code multipart/x-mixed-replace}, concatenated JPEG or concatenated PPM/PGM), returning
	 * counts when the body ends. A body with an {@code image/*} content type is one image;
	 * any other body is split by what its first bytes show.
	 */
	@PostMapping("/{id}/frames")
	Mono<ResponseEntity<Object>> push(@PathVariable String id, ServerHttpRequest request) {
		StreamIds.requireValid(id);
		if (this.registry.draining()) {
			this.registry.rejectWhileDraining(id);
			return Mono.error(new ShuttingDownException(id));
		}
		MediaType contentType = request.getHeaders().getContentType();
		if (contentType != null && "image".equals(contentType.getType())) {
			return pushOne(id, request);
		}
		if (contentType != null && !isFrameContainer(contentType)) {
			return Mono.error(new UnsupportedMediaTypeException(contentType));
		}
		String boundary = (contentType != null && "multipart".equals(contentType.getType()))
				? contentType.getParameter("boundary") : null;
		if (boundary != null && boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1) {
			boundary = boundary.substring(1, boundary.length() - 1);
		}
		return pushMany(id, request, new SniffingSplitter(this.limits.maxFrameBytes(), boundary));
	}

	/**
	 * Returns whether a content type may carry a long body of frames; the body's first bytes then
	 * tell which container it is.
	 */
	private static boolean isFrameContainer(MediaType contentType) {
		return contentType.isCompatibleWith(MULTIPART_MIXED_REPLACE)
				|| contentType.isCompatibleWith(MediaType.APPLICATION_OCTET_STREAM)
				|| "video".equals(contentType.getType());
	}

	private Mono<ResponseEntity<Object>> pushOne(String id, ServerHttpRequest request) {
		long limit = this.limits.maxImageBytes();
		return BodyReader.read(request, limit, "poolstream.limits.max-image-bytes")
			.flatMap((bytes) -> this.transport.offer(id, bytes))
			.flatMap((admission) -> {
				if (admission.status() == Admission.Status.SHUTTING_DOWN) {
					return Mono.error(new ShuttingDownException(id));
				}
				if (admission.status() == Admission.Status.SATURATED) {
					return Mono.error(new ServerSaturatedException());
				}
				if (!admission.accepted()) {
					return this.transport.settingsFor(id)
						.flatMap((settings) -> Mono.error(new StreamFullException(id, settings.effectiveCapacity())));
				}
				return Mono.just(ResponseEntity.accepted().body((Object) new Accepted(id, admission.seq())));
			});
	}

	private Mono<ResponseEntity<Object>> pushMany(String id, ServerHttpRequest request, FrameSplitter splitter) {
		return this.transport.settingsFor(id).flatMap((settings) -> pushMany(id, request, splitter, settings));
	}

	private Mono<ResponseEntity<Object>> pushMany(String id, ServerHttpRequest request, FrameSplitter splitter,
			StreamSettings settings) {
		UploadCounts counts = new UploadCounts(id);
		// Frames are split on the event loop, which only copies bytes; a prefetch of one buffer
		// keeps the block policy's pressure on the TCP connection.
		Flux<byte[]> frames = Flux.concat(
				request.getBody().concatMapIterable((buffer) -> split(splitter, buffer), 1),
				Flux.defer(() -> Flux.fromIterable(finish(splitter))));
		return frames.concatMap((frame) -> this.transport.offer(id, frame), 1)
			.doOnNext((admission) -> {
				// A long upload ends at shutdown rather than having every later frame refused, so
				// the producer learns at once and the server's graceful shutdown need not wait for it.
				if (admission.status() == Admission.Status.SHUTTING_DOWN) {
					throw new ShuttingDownException(id);
				}
				counts.add(admission);
				if (!admission.accepted() && settings.policy() == BackpressurePolicy.ERROR) {
					if (admission.status() == Admission.Status.SATURATED) {
						throw new ServerSaturatedException();
					}
					throw new StreamFullException(id, settings.effectiveCapacity());
				}
			})
			.onErrorMap((ex) -> ex instanceof ImageTooLargeException tooLarge
					&& !String.valueOf(ex.getMessage()).contains("max-frame-bytes"),
					(ex) -> new ImageTooLargeException(ex.getMessage() + " (poolstream.limits.max-frame-bytes)",
							((ImageTooLargeException) ex).actual(), ((ImageTooLargeException) ex).limit()))
			.then(Mono.fromSupplier(() -> {
				logger.debug("Stream {} upload ended: {}", id, counts);
				return ResponseEntity.ok().body((Object) counts);
			}))
			.doOnCancel(() -> logger.debug("Stream {} upload cancelled after {}", id, counts));
	}

	private static List<byte[]> split(FrameSplitter splitter, DataBuffer buffer) {
		try {
			byte[] chunk = new byte[buffer.readableByteCount()];
			buffer.read(chunk);
			List<byte[]> frames = new ArrayList<>(2);
			splitter.feed(chunk, 0, chunk.length, frames::add);
			return frames;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static List<byte[]> finish(FrameSplitter splitter) {
		List<byte[]> frames = new ArrayList<>(1);
		splitter.finish(frames::add);
		return frames;
	}

	@GetMapping("/{id}/frames/latest")
	ResponseEntity<byte[]> latest(@PathVariable String id) {
		StreamIds.requireValid(id);
		FrameOutcome outcome = this.hub.newest(id).orElseThrow(() -> new NotFoundException("result-not-found",
				"stream '" + id + "' has no retained results yet; push a frame first"));
		return image(outcome, false);
	}

	@GetMapping("/{id}/frames/{seq}")
	ResponseEntity<byte[]> result(@PathVariable String id, @PathVariable long seq) {
		return image(find(id, seq), false);
	}

	@GetMapping("/{id}/frames/{seq}/source")
	ResponseEntity<byte[]> source(@PathVariable String id, @PathVariable long seq) {
		return image(find(id, seq), true);
	}

	private FrameOutcome find(String id, long seq) {
		StreamIds.requireValid(id);
		return this.hub.find(id, seq).orElseThrow(() -> new NotFoundException("result-not-found",
				"result " + seq + " of stream '" + id + "' is not retained; only the newest results are kept, "
						+ "as many as the stream's retention"));
	}

	private static ResponseEntity<byte[]> image(FrameOutcome outcome, boolean source) {
		if (outcome instanceof FrameFailure failure) {
			throw new FrameFailedException(failure);
		}
		FrameResult result = (FrameResult) outcome;
		ImageFormat format = source ? result.input().format() : result.output().format();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(format.mediaType()))
			.header("Cache-Control", "max-age=3600, immutable")
			.body(source ? result.source() : result.image());
	}


	record Accepted(String stream, long seq) {
	}

	/**
	 * The counts returned for a long upload, updated by that upload's pipeline only, in order.
	 */
	static final class UploadCounts {

		public final String stream;

		public long frames;

		public long accepted;

		public long dropped;

		public long rejected;

		public long firstSeq;

		public long lastSeq;

		UploadCounts(String stream) {
			this.stream = stream;
		}

		void add(Admission admission) {
			this.frames++;
			if (!admission.accepted()) {
				this.rejected++;
				return;
			}
			this.accepted++;
			if (admission.status() == Admission.Status.ACCEPTED_DROPPING_OLDEST) {
				this.dropped++;
			}
			if (this.firstSeq == 0) {
				this.firstSeq = admission.seq();
			}
			this.lastSeq = admission.seq();
		}

		@Override
		public String toString() {
			return this.frames + " frames, " + this.accepted + " accepted, " + this.dropped + " dropped, "
					+ this.rejected + " rejected";
		}

	}

}
