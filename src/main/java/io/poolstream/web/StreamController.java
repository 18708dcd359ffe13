package io.poolstream.web;

import java.util.List;

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

import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.StreamIds;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;
import io.poolstream.source.SourceManager;
import io.poolstream.transport.StreamTransport;

/**
 * Creates, describes, lists and deletes streams.
 */
@RestController
@RequestMapping("/api/v1/streams")
class StreamController {

	private final StreamRegistry registry;

	private final StreamTransport transport;

	private final ResultHub hub;

	private final ApiLimits limits;

	private final StreamRequestParser requests;

	private final SourceManager sources;


	StreamController(StreamRegistry registry, StreamTransport transport, ResultHub hub, ApiLimits limits,
			SourceManager sources) {
		this.registry = registry;
		this.transport = transport;
		this.hub = hub;
		this.sources = sources;
		this.limits = limits;
		this.requests = new StreamRequestParser(limits);
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
		StreamSettings settings = this.requests.toSettings((request != null) ? request
				: new StreamRequest(null, null, null, null), this.registry.defaults());
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

	static NotFoundException unknownStream(String id) {
		return new NotFoundException("unknown-stream",
				"stream '" + id + "' does not exist; create it with PUT /api/v1/streams/" + id + " or push a frame to it");
	}

}
