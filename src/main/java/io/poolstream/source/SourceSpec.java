package io.poolstream.source;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a pull source reads and how.
 *
 * @param url the camera or image URL, {@code http} or {@code https}
 * @param type how the URL is read
 * @param interval the time between two GETs of a {@code poll} source; unused by {@code mjpeg}
 */
public record SourceSpec(URI url, SourceType type, Duration interval) {

	public SourceSpec {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(interval, "interval");
	}

}
