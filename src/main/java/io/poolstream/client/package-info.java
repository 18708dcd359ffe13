/**
 * Reactive Java client that pushes frames and subscribes to results through the public HTTP API.
 */
@NullMarked
package io.poolstream.client;

import org.jspecify.annotations.NullMarked;
