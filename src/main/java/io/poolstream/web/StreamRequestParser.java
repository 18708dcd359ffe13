package io.poolstream.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.poolstream.codec.ImageFormat;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolSpec;

/**
 * Turns the JSON body of {@code PUT /api/v1/streams/{id}} into stream settings, checking every
 * field against the limits.
 */
final class StreamRequestParser {

	private static final int MAX_CAPACITY = 100_000;


	private final ApiLimits limits;

	private final PoolParameters parameters;


	StreamRequestParser(ApiLimits limits) {
		this.limits = limits;
		this.parameters = new PoolParameters(limits.maxKernel());
	}


	/**
	 * Builds the settings that a request names, taking each missing field from {@code defaults}.
	 * @throws InvalidRequestException naming the field that is invalid or breaks a limit
	 */
	StreamSettings toSettings(StreamRequest request, StreamSettings defaults) {
		List<PoolSpec> stages = defaults.stages();
		if (request.pipeline() != null) {
			if (request.pipeline().isEmpty() || request.pipeline().size() > this.limits.maxStages()) {
				throw new InvalidRequestException("pipeline", "pipeline has " + request.pipeline().size()
						+ " stages; use 1 to " + this.limits.maxStages() + " (poolstream.limits.max-stages)");
			}
			stages = new ArrayList<>();
			for (int index = 0; index < request.pipeline().size(); index++) {
				stages.add(parseStage(index, request.pipeline().get(index)));
			}
		}

		ImageFormat format = defaults.outputFormat();
		boolean inline = defaults.inline();
		if (request.output() != null) {
			if (request.output().format() != null) {
				format = PoolController.parseFormat(request.output().format());
			}
			if (request.output().inline() != null) {
				inline = request.output().inline();
			}
		}

		BackpressurePolicy policy = defaults.policy();
		int capacity = defaults.capacity();
		if (request.backpressure() != null) {
			if (request.backpressure().policy() != null) {
				policy = parsePolicy(request.backpressure().policy());
			}
			if (request.backpressure().capacity() != null) {
				capacity = checkRange("backpressure.capacity", request.backpressure().capacity(), MAX_CAPACITY);
			}
		}

		int retention = (request.retention() != null)
				? checkRange("retention", request.retention(), MAX_CAPACITY) : defaults.retention();
		return new StreamSettings(stages, format, inline, policy, capacity, retention);
	}

	/**
	 * Parses one stage, naming a bad field by its place, such as {@code pipeline[1].kernel}, so a
	 * form can mark the right field of a pipeline with several stages.
	 */
	private PoolSpec parseStage(int index, @Nullable Map<String, Object> op) {
		String place = "pipeline[" + index + "]";
		if (op == null) {
			throw new InvalidRequestException(place, "stage " + index + " is null; give each stage an object");
		}
		try {
			PoolParameters.rejectUnknown(op.keySet(), Set.of());
			return this.parameters.parse(op);
		}
		catch (InvalidPoolSpecException ex) {
			throw new InvalidRequestException(place + "." + PoolParameters.apiParameter(ex.parameter()),
					"stage " + index + ": " + PoolParameters.apiMessage(ex.getMessage()));
		}
		catch (InvalidRequestException ex) {
			throw new InvalidRequestException(place + "." + ex.parameter(), "stage " + index + ": " + ex.getMessage());
		}
	}

	private static BackpressurePolicy parsePolicy(String value) {
		try {
			return BackpressurePolicy.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("backpressure.policy", ex.getMessage());
		}
	}

	private static int checkRange(String field, int value, int max) {
		if (value < 1 || value > max) {
			throw new InvalidRequestException(field, field + " " + value + " is out of range; use 1 to " + max);
		}
		return value;
	}

}
