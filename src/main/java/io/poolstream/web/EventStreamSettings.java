package io.poolstream.web;

import java.time.Duration;

/**
 * Timing of server-sent event streams.
 *
 * @param heartbeat the interval of heartbeat comments, which also reveal vanished clients
 * @param retry the reconnect delay suggested to clients
 */
public record EventStreamSettings(Duration heartbeat, Duration retry) {

}
