package io.poolstream.transport;

import reactor.core.publisher.Mono;

import io.poolstream.pipeline.Admission;
import io.poolstream.pipeline.StreamSettings;

/**
 * Carries frames from ingress to the pipelines and stream settings to every instance.
 *
 * <p>The in-process transport hands both straight to this instance's stream registry. The Kafka
 * transport publishes them to topics, and a frame counts as accepted once the broker acknowledged
 * it. Every method returns without blocking the calling thread; the work starts on subscription.
 */
public interface StreamTransport {

	/**
	 * Offers one encoded frame to a stream, creating the stream with default settings if needed.
	 * The admission carries the frame's sequence number, which is also the id of its result event.
	 * Fails with {@link TransportUnavailableException} when the frame could not be handed over.
	 */
	Mono<Admission> offer(String stream, byte[] data);

	/**
	 * Returns a stream's settings, creating the stream with the default settings if needed.
	 */
	Mono<StreamSettings> settingsFor(String stream);

	/**
	 * Creates a stream or replaces its settings, on every instance that shares this transport.
	 * Completes once this instance applied the settings, so a read that follows returns them.
	 * @return whether the stream was new on this instance
	 */
	Mono<Boolean> put(String stream, StreamSettings settings);

	/**
	 * Deletes a stream on every instance that shares this transport.
	 * @return whether the stream existed on this instance
	 */
	Mono<Boolean> remove(String stream);

}
