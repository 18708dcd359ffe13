package io.poolstream.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.poolstream.codec.DecodedImage;
import io.poolstream.codec.ImageDecoder;
import io.poolstream.codec.ImageEncoder;
import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.FrameProcessor;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.pooling.Raster;

/**
 * One-shot pooling of a single image or tensor, returned in the response body.
 */
@RestController
@RequestMapping("/api/v1/pool")
class PoolController {

	private static final Set<String> OUTPUT_PARAMETERS = Set.of("format");


	private final ImageDecoder decoder;

	private final ImageEncoder encoder;

	private final FrameProcessor processor;

	private final Scheduler scheduler;

	private final ApiLimits limits;

	private final PoolParameters parameters;


	PoolController(ImageDecoder decoder, ImageEncoder encoder, FrameProcessor processor, Scheduler processingScheduler,
			ApiLimits limits) {
		this.decoder = decoder;
		this.encoder = encoder;
		this.processor = processor;
		this.scheduler = processingScheduler;
		this.limits = limits;
		this.parameters = new PoolParameters(limits.maxKernel());
	}


	/**
	 * Pools an image sent as a {@code multipart/form-data} part named {@code image}.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<byte[]>> poolUpload(ServerWebExchange exchange,
			@RequestParam MultiValueMap<String, String> query) {
		return exchange.getMultipartData().flatMap((parts) -> {
			Part image = parts.getFirst("image");
			if (image == null) {
				return Mono.error(new InvalidRequestException("image",
						"the multipart body has no part named 'image'; send the file as the 'image' part"));
			}
			if (parts.get("image").size() > 1) {
				return Mono.error(new InvalidRequestException("image", "the multipart body has "
						+ parts.get("image").size() + " parts named 'image'; send one image per request"));
			}
			// Form fields would be silently ignored, because the pooling parameters come from the query.
			String extraPart = parts.keySet().stream().filter((name) -> !name.equals("image")).sorted().findFirst()
				.orElse(null);
			if (extraPart != null) {
				return Mono.error(new InvalidRequestException(extraPart, "the multipart body has a part named '" + extraPart
						+ "'; send only the 'image' part, and pooling parameters in the query, for example "
						+ "/api/v1/pool?kernel=3"));
			}
			OneShot oneShot = prepare(query);
			long limit = this.limits.maxImageBytes();
			return BodyReader.read(image.content(), limit, "poolstream.limits.max-image-bytes")
				.flatMap((bytes) -> pool(bytes, oneShot));
		});
	}

	/**
	 * Pools an image sent as the whole request body, in any supported format.
	 */
	@PostMapping
	Mono<ResponseEntity<byte[]>> poolBody(ServerHttpRequest request,
			@RequestParam MultiValueMap<String, String> query) {
		OneShot oneShot = prepare(query);
		long limit = this.limits.maxImageBytes();
		return BodyReader.read(request, limit, "poolstream.limits.max-image-bytes")
			.flatMap((bytes) -> pool(bytes, oneShot));
	}

	/**
	 * Pools a float32 tensor of rank 2, 3 or 4 over its last two dimensions.
	 */
	@PostMapping(path = "/tensor", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<TensorJson> poolTensor(@RequestBody TensorRequest request, ServerHttpRequest httpRequest) {
		// The query is read from the request, not bound as a parameter, so the OpenAPI document
		// does not list a query map for this route.
		rejectTensorQuery(httpRequest.getQueryParams());
		TensorJob job = TensorJob.prepare(request, this.parameters, this.limits);
		return Mono.fromCallable(() -> TensorJson.fromTensor(job.pooler().pool(job.input())))
			.subscribeOn(this.scheduler);
	}

	/**
	 * Rejects query parameters on the tensor route, which takes its pooling parameters only from
	 * the body's {@code op} object, so a parameter in the query is not silently ignored.
	 */
	private static void rejectTensorQuery(MultiValueMap<String, String> query) {
		if (!query.isEmpty()) {
			String name = query.keySet().iterator().next();
			throw new InvalidRequestException(name, "query parameter '" + name + "' is not supported by "
					+ "/api/v1/pool/tensor; put pooling parameters in the body's \"op\" object, for example "
					+ "{\"op\": {\"mode\": \"max\", \"kernel\": 2}, \"input\": {...}}");
		}
	}

	/**
	 * Checks the query before any of the body is read.
	 */
	private OneShot prepare(MultiValueMap<String, String> query) {
		PoolParameters.rejectUnknown(query.keySet(), OUTPUT_PARAMETERS);
		query.forEach((name, values) -> {
			if (values.size() > 1) {
				throw new InvalidRequestException(name, "parameter '" + name + "' is given " + values.size()
						+ " times; give it once");
			}
		});
		Map<String, Object> values = new LinkedHashMap<>(query.toSingleValueMap());
		Object formatName = values.remove("format");
		ImageFormat format = parseFormat((formatName != null) ? formatName.toString() : "png");
		return new OneShot(this.parameters.parse(values), format);
	}

	private Mono<ResponseEntity<byte[]>> pool(byte[] bytes, OneShot oneShot) {
		PoolSpec spec = oneShot.spec();
		ImageFormat format = oneShot.format();
		long[] nanos = new long[3];
		return Mono.fromCallable(() -> {
			long start = System.nanoTime();
			DecodedImage decoded = this.decoder.decode(bytes);
			nanos[0] = System.nanoTime() - start;
			return decoded.raster();
		})
			.subscribeOn(this.scheduler)
			.flatMap((raster) -> {
				long start = System.nanoTime();
				return this.processor.pool(raster, List.of(spec)).doOnNext((pooled) -> nanos[1] = System.nanoTime() - start);
			})
			.map((Raster pooled) -> {
				long start = System.nanoTime();
				byte[] encoded = this.encoder.encode(pooled, format);
				nanos[2] = System.nanoTime() - start;
				return ResponseEntity.ok()
					.contentType(MediaType.parseMediaType(format.mediaType()))
					.header("Server-Timing", serverTiming(nanos))
					.header("X-Image-Size", pooled.width() + "x" + pooled.height())
					.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"pooled." + format.extension() + "\"")
					.body(encoded);
			});
	}

	private record OneShot(PoolSpec spec, ImageFormat format) {
	}

	static ImageFormat parseFormat(String name) {
		try {
			return ImageFormat.parseOutput(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("format", ex.getMessage());
		}
	}

	private static String serverTiming(long[] nanos) {
		return String.format(Locale.ROOT, "decode;dur=%.2f, pool;dur=%.2f, encode;dur=%.2f", nanos[0] / 1e6,
				nanos[1] / 1e6, nanos[2] / 1e6);
	}

}
