package io.poolstream.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounded scheduler that decodes, pools and encodes.
 *
 * @param threads worker threads; 0 means one per available processor
 * @param queueCapacity tasks that may wait for a worker; beyond it work is rejected, and the frame
 * fails as "saturated"
 * @param streamConcurrency frames of one stream processed at once; 0 means one per worker thread
 * @param bandCost estimated sample reads of one row band; a pooling stage above it is cut into bands
 * that run in parallel and let other streams' work in between
 * @param jpegQuality quality of JPEG results, 1 to 100
 */
@Validated
@ConfigurationProperties("poolstream.processing")
public record ProcessingProperties(
		@Min(0) @Max(1024) @DefaultValue("0") int threads,
		@Min(1) @DefaultValue("1024") int queueCapacity,
		@Min(0) @Max(64) @DefaultValue("0") int streamConcurrency,
		@Min(1) @DefaultValue("20000000") long bandCost,
		@Min(1) @Max(100) @DefaultValue("85") int jpegQuality) {

	/**
	 * Returns the worker count, resolving 0 to the number of available processors.
	 */
	public int resolvedThreads() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Returns the per-stream concurrency, resolving 0 to the worker count.
	 */
	public int resolvedStreamConcurrency() {
		return (this.streamConcurrency > 0) ? this.streamConcurrency : resolvedThreads();
	}

}
