package io.poolstream.source;

import reactor.core.publisher.Mono;

import io.poolstream.pipeline.Admission;

/**
 * A destination of a source's frames: the stream registry, or a transport that carries them to
 * the instance running the stream.
 */
@FunctionalInterface
public interface FrameSink {

	/**
	 * Offers one encoded frame to a stream. The returned admission records whether it was accepted.
	 */
	Mono<Admission> offer(String stream, byte[] data);

}
