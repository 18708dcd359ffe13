package io.poolstream.pipeline;

import java.util.List;
import java.util.Objects;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pooling.PoolSpec;

/**
 * The configuration of one stream: its pooling stages, output, backpressure and retention.
 *
 * @param stages the pooling stages, applied in order, at least one
 * @param outputFormat the encoding of result images
 * @param inline whether events carry the result image as a data URL
 * @param policy what happens to frames that arrive while the waiting queue is full
 * @param capacity how many frames may wait for processing, at least 1
 * @param retention how many results are kept for replay and fetching, at least 1
 */
public record StreamSettings(List<PoolSpec> stages, ImageFormat outputFormat, boolean inline,
		BackpressurePolicy policy, int capacity, int retention) {

	public StreamSettings {
		Objects.requireNonNull(stages, "stages");
		Objects.requireNonNull(outputFormat, "outputFormat");
		Objects.requireNonNull(policy, "policy");
		stages = List.copyOf(stages);
		if (stages.isEmpty()) {
			throw new IllegalArgumentException("a pipeline needs at least one stage");
		}
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
		}
		if (retention < 1) {
			throw new IllegalArgumentException("retention must be at least 1, got " + retention);
		}
	}


	/**
	 * Returns the number of frames that may wait, which is 1 under the {@code latest} policy.
	 */
	public int effectiveCapacity() {
		return (this.policy == BackpressurePolicy.LATEST) ? 1 : this.capacity;
	}

	/**
	 * Returns the stages in words, for example {@code max 2×2 / 2}.
	 */
	public List<String> describeStages() {
		return this.stages.stream().map(PoolSpec::describe).toList();
	}

}
