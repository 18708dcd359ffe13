package io.poolstream.transport;

/**
 * Raised when a frame or a stream's settings could not be handed to the transport, for example
 * because the Kafka broker is unreachable or did not acknowledge in time. Nothing was accepted.
 */
public class TransportUnavailableException extends RuntimeException {

	public TransportUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
