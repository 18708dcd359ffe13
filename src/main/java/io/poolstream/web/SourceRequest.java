package io.poolstream.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /api/v1/streams/{id}/source}.
 *
 * @param url the camera or image URL, {@code http} or {@code https}
 * @param type {@code mjpeg} (the default) or {@code poll}
 * @param intervalMs milliseconds between two GETs of a {@code poll} source; 1000 by default
 */
record SourceRequest(@Nullable String url, @Nullable String type, @Nullable Integer intervalMs) {

}
