package io.poolstream.client;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Maps server-sent events of a stream to {@link StreamEvent} records.
 *
 * <p>Unknown event names and unknown JSON fields are skipped, so a newer server does not break
 * an older client.
 */
final class EventDecoder {

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();


	private EventDecoder() {
	}


	/**
	 * Decodes one event; comments, heartbeats and unknown events give an empty result.
	 * @throws PoolstreamClientException if a known event carries data that is not valid for it
	 */
	static Optional<StreamEvent> decode(ServerSentEvent<String> event) {
		String name = event.event();
		String data = event.data();
		if (name == null || data == null) {
			return Optional.empty();
		}
		Class<? extends StreamEvent> type = switch (name) {
			case "frame" -> StreamEvent.Result.class;
			case "error" -> StreamEvent.Failure.class;
			case "gap" -> StreamEvent.Gap.class;
			case "lagged" -> StreamEvent.Lagged.class;
			default -> null;
		};
		if (type == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(json.readValue(data, type));
		}
		catch (JacksonException ex) {
			throw new PoolstreamClientException(0, null, "invalid '" + name + "' event " + event.id() + " from the server: "
					+ ex.getOriginalMessage());
		}
	}

	/**
	 * Returns the sequence number that identifies a result or failure, or -1 for other events.
	 */
	static long sequenceOf(StreamEvent event) {
		if (event instanceof StreamEvent.Result result) {
			return result.seq();
		}
		if (event instanceof StreamEvent.Failure failure) {
			return failure.seq();
		}
		return -1;
	}

}
