package io.poolstream.web;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import io.poolstream.codec.CorruptImageException;
import io.poolstream.codec.EmptyImageException;
import io.poolstream.codec.ImageException;
import io.poolstream.codec.ImageTooLargeException;
import io.poolstream.codec.MalformedBodyException;
import io.poolstream.codec.UnsupportedImageFormatException;
import io.poolstream.codec.UnsupportedOutputException;
import io.poolstream.hub.TooManySubscribedStreamsException;
import io.poolstream.pipeline.FrameFailure;
import io.poolstream.pipeline.InvalidStreamIdException;
import io.poolstream.pipeline.LogRateLimiter;
import io.poolstream.pipeline.TooManyStreamsException;
import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.source.AddressRejectedException;
import io.poolstream.source.InvalidSourceException;
import io.poolstream.source.TooManySourcesException;
import io.poolstream.transport.TransportUnavailableException;

/**
 * Maps every failure to an RFC 9457 problem detail, in this one place.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** Limits repeats of one unexpected failure per stream, so a broken route cannot flood the log. */
	private static final LogRateLimiter repeats = LogRateLimiter.perTenSeconds();


	/** Jackson's type mismatch, after {@link #simplifyTypes} has named the expected kind. */
	private static final Pattern TYPE_MISMATCH = Pattern.compile(
			"Cannot deserialize value of type (.+?) from (Array|Object|String|Integer|Floating-point|Boolean) value");

	private final String jsonLimit;


	ApiExceptionHandler(ApiLimits limits) {
		this.jsonLimit = BodyReader.describeBytes(limits.maxJsonBytes());
	}


	@ExceptionHandler(ImageException.class)
	ResponseEntity<ProblemDetail> handleImage(ImageException ex, ServerWebExchange exchange) {
		logger.debug("Stream {} rejected image: {}", streamOf(exchange), ex.getMessage());
		if (ex instanceof EmptyImageException) {
			return problem(400, "empty-image", "Empty image", ex.getMessage());
		}
		if (ex instanceof UnsupportedImageFormatException) {
			return problem(415, "unsupported-format", "Unsupported image format", ex.getMessage());
		}
		if (ex instanceof ImageTooLargeException) {
			return problem(413, "image-too-large", "Image too large", ex.getMessage());
		}
		if (ex instanceof UnsupportedOutputException) {
			ResponseEntity<ProblemDetail> response = problem(400, "invalid-parameter", "Invalid parameter", ex.getMessage());
			response.getBody().setProperty("parameter", "format");
			return response;
		}
		if (ex instanceof MalformedBodyException) {
			return problem(400, "malformed-body", "Malformed body", ex.getMessage());
		}
		if (ex instanceof CorruptImageException) {
			return problem(422, "corrupt-image", "Corrupt image", ex.getMessage());
		}
		return problem(422, "invalid-image", "Invalid image", ex.getMessage());
	}

	@ExceptionHandler(InvalidPoolSpecException.class)
	ResponseEntity<ProblemDetail> handleInvalidSpec(InvalidPoolSpecException ex) {
		logger.debug("Rejected pooling parameter {}: {}", ex.parameter(), ex.getMessage());
		ResponseEntity<ProblemDetail> response = problem(400, "invalid-parameter", "Invalid parameter",
				PoolParameters.apiMessage(ex.getMessage()));
		response.getBody().setProperty("parameter", PoolParameters.apiParameter(ex.parameter()));
		return response;
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> handleInvalidRequest(InvalidRequestException ex) {
		logger.debug("Rejected request field {}: {}", ex.parameter(), ex.getMessage());
		ResponseEntity<ProblemDetail> response = problem(400, "invalid-parameter", "Invalid parameter", ex.getMessage());
		response.getBody().setProperty("parameter", ex.parameter());
		return response;
	}

	@ExceptionHandler(InvalidStreamIdException.class)
	ResponseEntity<ProblemDetail> handleInvalidStreamId(InvalidStreamIdException ex) {
		ResponseEntity<ProblemDetail> response = problem(400, "invalid-stream-id", "Invalid stream id", ex.getMessage());
		response.getBody().setProperty("parameter", "id");
		return response;
	}

	@ExceptionHandler(UnsupportedMediaTypeException.class)
	ResponseEntity<ProblemDetail> handleUnsupportedMediaType(UnsupportedMediaTypeException ex) {
		return problem(415, "unsupported-media-type", "Unsupported media type", ex.getMessage());
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<ProblemDetail> handlePayloadTooLarge(PayloadTooLargeException ex) {
		return problem(413, "payload-too-large", "Payload too large", ex.getMessage());
	}

	/**
	 * Reports a body that stalled or took too long. The connection is closed afterwards, because
	 * the rest of the body was never read.
	 */
	@ExceptionHandler(RequestTimeoutException.class)
	ResponseEntity<ProblemDetail> handleRequestTimeout(RequestTimeoutException ex) {
		logger.debug("Request body timed out: {}", ex.getMessage());
		return requestTimeout(ex);
	}

	private static ResponseEntity<ProblemDetail> requestTimeout(RequestTimeoutException ex) {
		ResponseEntity<ProblemDetail> response = problem(408, "request-timeout", "Request timeout", ex.getMessage());
		return ResponseEntity.status(408).headers(response.getHeaders()).header("Connection", "close")
			.body(response.getBody());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> handleNotFound(NotFoundException ex) {
		return problem(404, ex.slug(), "Not found", ex.getMessage());
	}

	@ExceptionHandler(FrameFailedException.class)
	ResponseEntity<ProblemDetail> handleFrameFailed(FrameFailedException ex) {
		FrameFailure failure = ex.failure();
		return problem(FailureStatus.of(failure.kind()), failure.kind().slug(), failure.kind().title(), ex.getMessage());
	}

	@ExceptionHandler(TransportUnavailableException.class)
	ResponseEntity<ProblemDetail> handleTransportUnavailable(TransportUnavailableException ex) {
		logger.warn("Transport unavailable: {}", ex.getMessage());
		return ResponseEntity.status(503)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(503, "transport-unavailable", "Transport unavailable", ex.getMessage()));
	}

	@ExceptionHandler(StreamFullException.class)
	ResponseEntity<ProblemDetail> handleStreamFull(StreamFullException ex) {
		return ResponseEntity.status(429)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(429, "stream-full", "Stream full", ex.getMessage()));
	}

	@ExceptionHandler(ServerSaturatedException.class)
	ResponseEntity<ProblemDetail> handleSaturated(ServerSaturatedException ex) {
		return ResponseEntity.status(503)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(503, "saturated", "Server saturated", ex.getMessage()));
	}

	@ExceptionHandler(ShuttingDownException.class)
	ResponseEntity<ProblemDetail> handleShuttingDown(ShuttingDownException ex) {
		// A restart usually takes longer than a full server's queue takes to move, so clients are
		// asked to wait longer than for the saturated case.
		return ResponseEntity.status(503)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(503, "shutting-down", "Shutting down", ex.getMessage()));
	}

	@ExceptionHandler({ TooManyStreamsException.class, TooManySubscribedStreamsException.class })
	ResponseEntity<ProblemDetail> handleTooManyStreams(RuntimeException ex) {
		return problem(429, "too-many-streams", "Too many streams", ex.getMessage());
	}

	@ExceptionHandler(InvalidSourceException.class)
	ResponseEntity<ProblemDetail> handleInvalidSource(InvalidSourceException ex, ServerWebExchange exchange) {
		logger.debug("Stream {} rejected source field {}: {}", streamOf(exchange), ex.field(), ex.getMessage());
		ResponseEntity<ProblemDetail> response = problem(400, "invalid-parameter", "Invalid parameter", ex.getMessage());
		response.getBody().setProperty("parameter", ex.field());
		return response;
	}

	@ExceptionHandler(AddressRejectedException.class)
	ResponseEntity<ProblemDetail> handleAddressRejected(AddressRejectedException ex, ServerWebExchange exchange) {
		logger.info("Stream {} rejected source address: {}", streamOf(exchange), ex.getMessage());
		ResponseEntity<ProblemDetail> response = problem(403, "address-not-allowed", "Address not allowed",
				ex.getMessage());
		response.getBody().setProperty("address", ex.address());
		if (ex.setting() != null) {
			response.getBody().setProperty("setting", ex.setting());
		}
		return response;
	}

	@ExceptionHandler(TooManySourcesException.class)
	ResponseEntity<ProblemDetail> handleTooManySources(TooManySourcesException ex) {
		return problem(429, "too-many-sources", "Too many sources", ex.getMessage());
	}

	/**
	 * Reports a multipart body that Spring's reader rejected: no boundary, too many parts, or a
	 * part over the disk limit.
	 */
	@ExceptionHandler({ DecodingException.class, DataBufferLimitException.class })
	ResponseEntity<ProblemDetail> handleBodyDecoding(Exception ex, ServerWebExchange exchange) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof RequestTimeoutException timeout) {
				return requestTimeout(timeout);
			}
			if (cause instanceof DataBufferLimitException) {
				return problem(413, "payload-too-large", "Payload too large", "a part of the multipart body is larger "
						+ "than spring.webflux.multipart.max-disk-usage-per-part allows; send a smaller image");
			}
			cause = cause.getCause();
		}
		logger.debug("Stream {} rejected request body: {}", streamOf(exchange), ex.getMessage());
		String reason = String.valueOf(ex.getMessage()).replaceAll("\\(class [^)]*\\)", "");
		return problem(400, "malformed-body", "Malformed body", "the request body could not be read: " + reason);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		String stream = streamOf(exchange);
		long suppressed = repeats.admit(stream, ex.getClass().getName());
		if (suppressed != LogRateLimiter.SUPPRESS) {
			logger.error("Stream {} request {} {} failed unexpectedly{}", stream, exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), LogRateLimiter.describeSuppressed(suppressed), ex);
		}
		return problem(500, "internal", "Internal error",
				"the request failed unexpectedly; the error was logged on the server");
	}

	/**
	 * Returns the stream id of the request's route, or {@code "-"} for a route without one. Characters
	 * outside those of a valid id become {@code ?}, so a hostile path cannot forge log lines.
	 */
	static String streamOf(ServerWebExchange exchange) {
		Map<String, String> variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String id = (variables != null) ? variables.get("id") : null;
		if (id == null) {
			return "-";
		}
		String truncated = (id.length() > 64) ? id.substring(0, 64) + "..." : id;
		return truncated.replaceAll("[^A-Za-z0-9._-]", "?");
	}

	/**
	 * Turns input errors from Spring's codecs, such as malformed JSON or a body over the codec's
	 * in-memory limit, into messages that explain what to fix, without class names.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof DataBufferLimitException) {
				return Mono.just(typed(problem(413, "payload-too-large", "Payload too large",
						"the JSON body is larger than the limit of " + this.jsonLimit
								+ " (spring.http.codecs.max-in-memory-size); send a smaller body")));
			}
			if (cause instanceof StreamConstraintsException constraint) {
				return Mono.just(typed(problem(400, "invalid-request", "Invalid request", describeConstraint(constraint))));
			}
			if (cause instanceof InvalidPoolSpecException spec) {
				return Mono.just(typed(handleInvalidSpec(spec)));
			}
			if (cause instanceof InvalidRequestException invalid) {
				return Mono.just(typed(handleInvalidRequest(invalid)));
			}
			cause = cause.getCause();
		}
		JacksonException json = jsonCause(ex);
		String field = (json != null) ? jsonField(json) : "";
		String detail = describeInputError(ex, field);
		logger.debug("Stream {} rejected request body: {}", streamOf(exchange), detail);
		ResponseEntity<ProblemDetail> response = problem(400, "invalid-request", "Invalid request", detail);
		if (!field.isEmpty()) {
			response.getBody().setProperty("parameter", field);
		}
		return Mono.just(typed(response));
	}

	private static @Nullable JacksonException jsonCause(Throwable ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof JacksonException json) {
				return json;
			}
			cause = cause.getCause();
		}
		return null;
	}

	/**
	 * Returns the path of the JSON field where binding failed, such as {@code input.shape[0]}, or an
	 * empty string for a syntax error, which has no field.
	 */
	private static String jsonField(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	/**
	 * Describes a JSON parser limit that a body broke, naming the setting that raises it. Jackson's
	 * message names the limit and the value, and its part in brackets names Jackson's own getter.
	 */
	private static String describeConstraint(StreamConstraintsException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		String setting;
		if (message.contains("nesting depth")) {
			setting = "poolstream.limits.max-json-depth";
		}
		else if (message.contains("String value length")) {
			setting = "poolstream.limits.max-json-string-length";
		}
		else if (message.contains("Name length")) {
			setting = "poolstream.limits.max-json-name-length";
		}
		else if (message.contains("Number value length")) {
			setting = "poolstream.limits.max-json-number-length";
		}
		else {
			setting = "spring.http.codecs.max-in-memory-size";
		}
		String reason = message.replaceAll("\\s*\\(from `[^`]*`\\)", "").replaceAll(",\\s*from `[^`]*`", "").trim();
		return "the JSON body breaks a parser limit: " + reason + "; simplify the body or raise " + setting;
	}

	/**
	 * Gives the framework's own problems, such as an unknown route or a body over the codec's
	 * limit, a stable type of ours and a detail that explains what to do.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
			@Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		Object effective = (body == null && ex instanceof ErrorResponse error) ? error.getBody() : body;
		if (effective instanceof ProblemDetail problem && (problem.getType() == null
				|| "about:blank".equals(problem.getType().toString()))) {
			problem.setType(URI.create(Problems.TYPE_BASE + frameworkSlug(status.value())));
			if (status.value() == 413) {
				problem.setDetail("the request body is larger than the limit of " + this.jsonLimit
						+ " (spring.http.codecs.max-in-memory-size); send a smaller body");
			}
		}
		return super.handleExceptionInternal(ex, effective, headers, status, exchange);
	}

	private static String frameworkSlug(int status) {
		return switch (status) {
			case 400 -> "invalid-request";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			default -> "http-" + status;
		};
	}

	private static String describeInputError(ServerWebInputException ex, String field) {
		Throwable cause = ex.getCause();
		if (cause instanceof DecodingException decoding && decoding.getCause() != null) {
			String message = decoding.getCause().getMessage();
			if (message != null) {
				String subject = field.isEmpty() ? "the request body" : field;
				return subject + " is not valid: " + cleanJsonMessage(message);
			}
		}
		String reason = ex.getReason();
		return (reason != null) ? reason.toLowerCase(Locale.ROOT) : "the request is not valid";
	}

	/**
	 * Rewrites a Jackson message in the client's terms. Only the first line is kept, because Jackson
	 * puts the source location and the reference chain after it. Token names, the source location,
	 * the coercion setting and Java class names are removed. A type mismatch becomes "expected an
	 * array, found a string", and a duplicate property "property "mode" is given more than once".
	 */
	private static String cleanJsonMessage(String message) {
		String firstLine = message.lines().findFirst().orElse(message);
		String cleaned = firstLine.replaceAll("\\(class [^)]*\\)", "")
			.replaceAll("\\s*\\(token `[^`]*`\\)", "")
			.replaceAll("\\s*\\(but could if coercion was enabled using `[^`]*`\\)", "")
			.replaceAll("\\s*\\(start marker at \\[.*?\\]\\)", "")
			.replaceAll("\\s*,\\s*not marked as ignorable", "")
			.replaceAll("^Duplicate Object property (\".*\")$", "property $1 is given more than once; give it once");
		String simplified = simplifyTypes(cleaned).replaceAll("not a valid (an? )", "not $1").trim();
		Matcher mismatch = TYPE_MISMATCH.matcher(simplified);
		if (mismatch.matches()) {
			return "expected " + mismatch.group(1) + ", found " + jsonKind(mismatch.group(2));
		}
		return simplified;
	}

	private static String jsonKind(String jacksonKind) {
		return switch (jacksonKind) {
			case "Array" -> "an array";
			case "Object" -> "an object";
			case "String" -> "a string";
			case "Integer" -> "a whole number";
			case "Floating-point" -> "a number with a fraction";
			default -> "a boolean";
		};
	}

	/**
	 * Replaces Java type names in a JSON error, such as {@code `java.util.ArrayList<...>`}, with
	 * the JSON kind a client would write.
	 */
	private static String simplifyTypes(String message) {
		Matcher matcher = Pattern.compile("`([^`]*)`").matcher(message);
		StringBuilder simplified = new StringBuilder();
		while (matcher.find()) {
			String type = matcher.group(1);
			String kind;
			if (type.contains("List") || type.endsWith("[]")) {
				kind = "an array";
			}
			else if (type.contains("Map") || type.startsWith("io.poolstream")) {
				kind = "an object";
			}
			else if (type.contains("Integer") || type.contains("Long") || type.equals("int")) {
				kind = "a whole number";
			}
			else if (type.contains("Double") || type.contains("Float")) {
				kind = "a number";
			}
			else if (type.contains("Boolean")) {
				kind = "true or false";
			}
			else if (type.contains("String")) {
				kind = "a string";
			}
			else {
				kind = "a value";
			}
			matcher.appendReplacement(simplified, kind);
		}
		matcher.appendTail(simplified);
		return simplified.toString();
	}

	private static ResponseEntity<ProblemDetail> problem(int status, String slug, String title, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(status, slug, title, detail));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> typed(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

}
