package io.poolstream.transport.kafka;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * The frames whose outcomes the results topic acknowledged, handed from the producer's threads
 * to the frames consumer loop, which commits their offsets. Lock-free; the loop drains it on
 * every iteration, so it holds at most the outcomes of one poll interval.
 */
public final class PublishedFrames {

	private final ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();


	/**
	 * Records that the outcome of frame {@code seq} of {@code stream} was published.
	 */
	public void add(String stream, long seq) {
		this.frames.add(new Frame(stream, seq));
	}

	@Nullable Frame poll() {
		return this.frames.poll();
	}


	record Frame(String stream, long seq) {
	}

}
