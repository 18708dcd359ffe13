package io.poolstream.pipeline;

/**
 * The result of offering a frame to a stream.
 *
 * @param stream the stream id
 * @param seq the sequence number given to the frame, or 0 when it was rejected
 * @param status whether the frame was queued
 */
public record Admission(String stream, long seq, Status status) {

	/**
	 * Whether an offered frame was queued.
	 */
	public enum Status {

		/** Queued for processing. */
		ACCEPTED,

		/** Queued, and an older waiting frame was dropped to make room. */
		ACCEPTED_DROPPING_OLDEST,

		/** Refused because the stream's queue was full. */
		REJECTED,

		/** Refused because the frames held across all streams reached the server's cap. */
		SATURATED,

		/** Refused because the service is shutting down and takes no new frames. */
		SHUTTING_DOWN

	}


	public boolean accepted() {
		return this.status == Status.ACCEPTED || this.status == Status.ACCEPTED_DROPPING_OLDEST;
	}

}
