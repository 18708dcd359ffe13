package io.poolstream.hub;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.poolstream.pipeline.FrameOutcome;

/**
 * An event sent to one subscriber of a stream.
 */
public sealed interface HubEvent {

	/**
	 * The outcome of one frame: a result or a failure.
	 *
	 * <p>A live outcome is one instance shared by every subscriber of the stream, so a rendering
	 * made for one subscriber, such as the event's JSON, can be kept here and reused by the others.
	 */
	final class Outcome implements HubEvent {

		private final FrameOutcome outcome;

		private final AtomicReference<@Nullable Object> rendering = new AtomicReference<>();

		public Outcome(FrameOutcome outcome) {
			this.outcome = Objects.requireNonNull(outcome, "outcome");
		}

		public FrameOutcome outcome() {
			return this.outcome;
		}

		/**
		 * Renders the outcome once and returns that rendering to every later caller. Two threads
		 * that call at once may both render, and both get the first rendering stored.
		 * @param renderer makes the rendering; it must return the same value for the same outcome
		 */
		@SuppressWarnings("unchecked")
		public <T> T render(Function<FrameOutcome, T> renderer) {
			Object existing = this.rendering.get();
			if (existing == null) {
				this.rendering.compareAndSet(null, renderer.apply(this.outcome));
				existing = this.rendering.get();
			}
			return (T) existing;
		}

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
