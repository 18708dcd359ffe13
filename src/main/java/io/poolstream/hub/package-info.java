/**
 * Per-stream result retention, fan-out to subscribers, replay after Last-Event-ID and slow-subscriber handling.
 */
@NullMarked
package io.poolstream.hub;

import org.jspecify.annotations.NullMarked;
