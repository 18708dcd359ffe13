package io.poolstream.codec;

/**
 * Raised when an encoded image or a frame has more bytes, or declares more pixels, than a limit
 * allows. The check runs before any pixel buffer is allocated.
 */
public class ImageTooLargeException extends ImageException {

	private final long actual;

	private final long limit;


	/**
	 * Creates the exception for a measured or declared value above its limit.
	 * @param message the client-safe message, naming the value, the limit and the unit
	 */
	public ImageTooLargeException(String message, long actual, long limit) {
		super(message);
		this.actual = actual;
		this.limit = limit;
	}


	/**
	 * Returns the value that was too large, in the unit of the limit (bytes or pixels).
	 */
	public long actual() {
		return this.actual;
	}

	/**
	 * Returns the limit that the value exceeded.
	 */
	public long limit() {
		return this.limit;
	}

}
