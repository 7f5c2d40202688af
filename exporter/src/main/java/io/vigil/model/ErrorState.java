package io.vigil.model;

import java.time.Instant;

/** The newest event seen for one error type of a device. */
public record ErrorState(boolean active, Instant at, String message, ClearedBy clearedBy) {}
