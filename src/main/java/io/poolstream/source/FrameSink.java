package io.poolstream.source;

import reactor.core.publisher.Mono;

import io.poolstream.pipeline.Admission;

/**
 * Where a source delivers its frames: the stream registry, or a transport that carries them to
 * the instance running the stream.
 */
@FunctionalInterface
public interface FrameSink {

	/**
	 * Offers one encoded frame to a stream. The returned admission says whether it was taken.
	 */
	Mono<Admission> offer(String stream, byte[] data);

}
