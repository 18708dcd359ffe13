package io.poolstream.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /api/v1/streams/{id}}. Every field is optional.
 *
 * @param pipeline the pooling stages, each an object of pooling parameters
 * @param output how results are encoded
 * @param backpressure what happens when frames arrive faster than they are processed
 * @param retention how many results are kept for replay and fetching
 */
record StreamRequest(@Nullable List<Map<String, Object>> pipeline, @Nullable Output output,
		@Nullable Backpressure backpressure, @Nullable Integer retention) {

	/**
	 * @param format {@code jpeg}, {@code png}, {@code bmp}, {@code pgm} or {@code ppm}
	 * @param inline whether events carry the result image as a data URL
	 */
	record Output(@Nullable String format, @Nullable Boolean inline) {
	}

	/**
	 * @param policy {@code latest}, {@code drop-oldest}, {@code buffer}, {@code block} or {@code error}
	 * @param capacity how many frames may wait
	 */
	record Backpressure(@Nullable String policy, @Nullable Integer capacity) {
	}

}
