package io.poolstream.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.poolstream.hub.ResultHub;
import io.poolstream.pipeline.StreamIds;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.source.SourceManager;
import io.poolstream.source.SourceSpec;
import io.poolstream.source.SourceType;

/**
 * Attaches pull sources to streams and removes them.
 */
@RestController
@RequestMapping("/api/v1/streams")
class SourceController {

	private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);


	private final SourceManager sources;

	private final StreamRegistry registry;

	private final ResultHub hub;


	SourceController(SourceManager sources, StreamRegistry registry, ResultHub hub) {
		this.sources = sources;
		this.registry = registry;
		this.hub = hub;
	}


	/**
	 * Starts a pull source, replacing the stream's current one, and responds with the stream: 201
	 * when the stream had no source, 200 when one was replaced. A stream that does not exist yet
	 * is created with the default settings.
	 */
	@PutMapping("/{id}/source")
	Mono<ResponseEntity<StreamResponse>> put(@PathVariable String id, @RequestBody SourceRequest request) {
		StreamIds.requireValid(id);
		SourceSpec spec = toSpec(request);
		return this.sources.put(id, spec).map((created) -> {
			StreamResponse body = this.registry.find(id)
				.map((view) -> StreamResponse.of(view, this.hub.subscriberCount(id), this.sources.find(id).orElse(null)))
				.orElseThrow(() -> StreamController.unknownStream(id));
			return ResponseEntity.status(created ? 201 : 200).body(body);
		});
	}

	@DeleteMapping("/{id}/source")
	ResponseEntity<Void> delete(@PathVariable String id) {
		StreamIds.requireValid(id);
		if (this.registry.find(id).isEmpty()) {
			throw StreamController.unknownStream(id);
		}
		if (!this.sources.remove(id)) {
			throw new NotFoundException("unknown-source", "stream '" + id + "' has no source; attach one with PUT /api/v1/streams/"
					+ id + "/source");
		}
		return ResponseEntity.noContent().build();
	}

	private static SourceSpec toSpec(SourceRequest request) {
		if (request.url() == null || request.url().isBlank()) {
			throw new InvalidRequestException("url", "url is missing; give the http or https URL of the camera or image");
		}
		URI url;
		try {
			url = new URI(request.url().trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidRequestException("url", "url '" + request.url() + "' is not a valid URI: " + ex.getReason());
		}
		SourceType type = SourceType.MJPEG;
		if (request.type() != null) {
			try {
				type = SourceType.parse(request.type());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("type", ex.getMessage());
			}
		}
		Duration interval = (request.intervalMs() != null) ? Duration.ofMillis(request.intervalMs()) : DEFAULT_INTERVAL;
		return new SourceSpec(url, type, interval);
	}

}
