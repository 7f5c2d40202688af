package io.vigil.model;

import java.time.Instant;

/**
 * A time a device counted as unavailable, from the moment its heartbeats stopped being on time ({@link StatusRules#upUntil})
 * to the heartbeat that ended it; {@code to} after {@code from}.
 */
public record Outage(DeviceKey key, Instant from, Instant to) {}
