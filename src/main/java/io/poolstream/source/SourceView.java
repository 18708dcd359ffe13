package io.poolstream.source;

import org.jspecify.annotations.Nullable;

/**
 * A read-only description of a pull source at one moment.
 *
 * @param spec what the source reads
 * @param state its connection state
 * @param lastError the message of the most recent failure, or {@code null} if none happened yet
 * @param frames frames read from the URL and offered to the stream, whether or not the stream's
 * backpressure policy kept them
 */
public record SourceView(SourceSpec spec, SourceState state, @Nullable String lastError, long frames) {

}
