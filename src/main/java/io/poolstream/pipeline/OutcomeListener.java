package io.poolstream.pipeline;

/**
 * Receives the outcomes of every stream, in sequence order per stream.
 *
 * <p>Calls for one stream never overlap. Implementations must return quickly and never block,
 * because they run on the processing scheduler.
 */
public interface OutcomeListener {

	/**
	 * Receives the outcome of one frame.
	 */
	void onOutcome(FrameOutcome outcome);

	/**
	 * Learns that a stream was created or its settings replaced.
	 */
	void onStreamConfigured(String stream, StreamSettings settings);

	/**
	 * Learns that a stream was deleted; its retained outcomes can go.
	 */
	void onStreamRemoved(String stream);

	/**
	 * Returns the number of subscribers to a stream's outcomes, for the metrics. Called from any
	 * thread.
	 */
	default int subscriberCount(String stream) {
		return 0;
	}

}
