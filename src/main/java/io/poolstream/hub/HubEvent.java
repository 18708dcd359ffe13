package io.poolstream.hub;

import io.poolstream.pipeline.FrameOutcome;

/**
 * An event sent to one subscriber of a stream.
 */
public sealed interface HubEvent {

	/**
	 * The outcome of one frame: a result or a failure.
	 */
	record Outcome(FrameOutcome outcome) implements HubEvent {
	}

	/**
	 * The subscriber asked to resume after an id older than the retention ring, so results with
	 * sequence numbers {@code from} to {@code to} are gone. {@code missed} counts those sequence
	 * numbers; frames dropped at ingress never had results, so it is an upper bound.
	 */
	record Gap(String stream, long from, long to, long missed) implements HubEvent {
	}

	/**
	 * The subscriber read too slowly and lost its {@code dropped} oldest events.
	 */
	record Lagged(String stream, long dropped) implements HubEvent {
	}

}
