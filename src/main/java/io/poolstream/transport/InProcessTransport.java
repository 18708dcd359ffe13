package io.poolstream.transport;

import java.util.Objects;

import reactor.core.publisher.Mono;

import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.StreamRegistry;
import io.poolstream.pipeline.StreamSettings;

/**
 * Hands frames and settings straight to this instance's stream registry, the default transport,
 * which needs no server.
 */
public final class InProcessTransport implements StreamTransport {

	private final StreamRegistry registry;


	public InProcessTransport(StreamRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}


	/**
	 * Offers a frame to the registry, waiting without holding a thread for room when the stream's
	 * policy is {@code block}. A full queue under another policy returns a rejected admission.
	 */
	@Override
	public Mono<Admission> offer(String stream, byte[] data) {
		return this.registry.offerWhenReady(stream, data);
	}

	@Override
	public Mono<StreamSettings> settingsFor(String stream) {
		return Mono.fromSupplier(() -> this.registry.settingsFor(stream));
	}

	@Override
	public Mono<Boolean> put(String stream, StreamSettings settings) {
		return Mono.fromSupplier(() -> this.registry.put(stream, settings));
	}

	@Override
	public Mono<Boolean> remove(String stream) {
		return Mono.fromSupplier(() -> this.registry.remove(stream));
	}

}
