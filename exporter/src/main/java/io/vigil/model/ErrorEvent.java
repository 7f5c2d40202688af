package io.vigil.model;

import java.time.Instant;

/** An error raised or cleared on a device. */
public record ErrorEvent(DeviceKey key, DeviceError error, boolean raised, Instant at, String message, ClearedBy clearedBy) implements Report {}
