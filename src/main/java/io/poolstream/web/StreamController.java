package io.poolstream.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.poolstream.codec.ImageFormat;
import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.BackpressurePolicy;
import io.poolstream.pipeline.StreamIds;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.pooling.InvalidPoolSpecException;
import io.poolstream.pooling.PoolSpec;
import io.poolstream.source.SourceManager;
import io.poolstream.transport.StreamTransport;

/**
 * Creates, describes, lists and deletes streams.
 */
@RestController
@RequestMapping("/api/v1/streams")
class StreamController {

	private static final int MAX_CAPACITY = 100_000;


	private final StreamRegistry registry;

	private final StreamTransport transport;

	private final ResultHub hub;

	private final ApiLimits limits;

	private final PoolParameters parameters;

	private final SourceManager sources;


	StreamController(StreamRegistry registry, StreamTransport transport, ResultHub hub, ApiLimits limits,
			SourceManager sources) {
		this.registry = registry;
		this.transport = transport;
		this.hub = hub;
		this.sources = sources;
		this.limits = limits;
		this.parameters = new PoolParameters(limits.maxKernel());
	}


	@GetMapping
	List<StreamResponse> list() {
		return this.registry.list()
			.stream()
			.map((view) -> StreamResponse.of(view, this.hub.subscriberCount(view.id()),
					this.sources.find(view.id()).orElse(null)))
			.toList();
	}

	@GetMapping("/{id}")
	StreamResponse describe(@PathVariable String id) {
		StreamIds.requireValid(id);
		return this.registry.find(id)
			.map((view) -> StreamResponse.of(view, this.hub.subscriberCount(id), this.sources.find(id).orElse(null)))
			.orElseThrow(() -> unknownStream(id));
	}

	/**
	 * Creates a stream or replaces its settings, returning 201 when created and 200 when replaced.
	 */
	@PutMapping("/{id}")
	Mono<ResponseEntity<StreamResponse>> put(@PathVariable String id,
			@RequestBody(required = false) @Nullable StreamRequest request) {
		StreamIds.requireValid(id);
		StreamSettings settings = toSettings((request != null) ? request
				: new StreamRequest(null, null, null, null));
		return this.transport.put(id, settings).map((created) -> {
			StreamResponse body = StreamResponse.of(this.registry.find(id).orElseThrow(() -> unknownStream(id)),
					this.hub.subscriberCount(id), this.sources.find(id).orElse(null));
			return ResponseEntity.status(created ? 201 : 200).body(body);
		});
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
		StreamIds.requireValid(id);
		this.sources.remove(id);
		return this.transport.remove(id).map((existed) -> {
			if (!existed) {
				throw unknownStream(id);
			}
			return ResponseEntity.noContent().build();
		});
	}

	private StreamSettings toSettings(StreamRequest request) {
		StreamSettings defaults = this.registry.defaults();

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
					"stage " + index + ": " + ex.getMessage());
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

	static NotFoundException unknownStream(String id) {
		return new NotFoundException("unknown-stream",
				"stream '" + id + "' does not exist; create it with PUT /api/v1/streams/" + id + " or push a frame to it");
	}

}
