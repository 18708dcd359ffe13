/**
 * Carriers of frames and results between ingress, workers and result hubs.
 */
@NullMarked
package io.poolstream.transport;

import org.jspecify.annotations.NullMarked;
