/**
 * Stream registry, per-stream frame flux, the bounded processing scheduler, backpressure policies and metrics.
 */
@NullMarked
package io.poolstream.pipeline;

import org.jspecify.annotations.NullMarked;
