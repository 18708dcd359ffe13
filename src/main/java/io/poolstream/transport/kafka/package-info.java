/**
 * The Kafka transport: frames, stream settings and results carried over topics, so that several
 * instances behave as one service.
 */
@NullMarked
package io.poolstream.transport.kafka;

import org.jspecify.annotations.NullMarked;
