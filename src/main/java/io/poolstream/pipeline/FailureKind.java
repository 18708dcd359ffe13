package io.poolstream.pipeline;

import io.poolstream.codec.CorruptImageException;
import io.poolstream.codec.EmptyImageException;
import io.poolstream.codec.ImageTooLargeException;
import io.poolstream.codec.MalformedBodyException;
import io.poolstream.codec.UnsupportedImageFormatException;
import io.poolstream.codec.UnsupportedOutputException;
import io.poolstream.pooling.InvalidPoolSpecException;

/**
 * Reason a frame produced no result. Each kind has a stable slug that names it in problem types,
 * error events and metric tags.
 */
public enum FailureKind {

	EMPTY_IMAGE("empty-image", "Empty image"),

	MALFORMED_BODY("malformed-body", "Malformed body"),

	UNSUPPORTED_FORMAT("unsupported-format", "Unsupported image format"),

	IMAGE_TOO_LARGE("image-too-large", "Image too large"),

	CORRUPT_IMAGE("corrupt-image", "Corrupt image"),

	INVALID_PARAMETER("invalid-parameter", "Invalid parameter"),

	SATURATED("saturated", "Server saturated"),

	INTERNAL("internal", "Internal error");


	private final String slug;

	private final String title;


	FailureKind(String slug, String title) {
		this.slug = slug;
		this.title = title;
	}


	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	/**
	 * Classifies a processing failure.
	 */
	public static FailureKind of(Throwable failure) {
		if (failure instanceof EmptyImageException) {
			return EMPTY_IMAGE;
		}
		if (failure instanceof MalformedBodyException) {
			return MALFORMED_BODY;
		}
		if (failure instanceof UnsupportedImageFormatException) {
			return UNSUPPORTED_FORMAT;
		}
		if (failure instanceof ImageTooLargeException) {
			return IMAGE_TOO_LARGE;
		}
		if (failure instanceof CorruptImageException) {
			return CORRUPT_IMAGE;
		}
		if (failure instanceof InvalidPoolSpecException || failure instanceof UnsupportedOutputException) {
			return INVALID_PARAMETER;
		}
		if (failure instanceof java.util.concurrent.RejectedExecutionException) {
			return SATURATED;
		}
		return INTERNAL;
	}

}
