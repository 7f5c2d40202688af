package io.vigil.model;

import java.time.Instant;

/**
 * One run a schedule expects: a run that ends at or after {@code start} is its result; without one by
 * {@code deadline} (the window's end plus the grace) it is missed.
 */
public record ExpectedRun(Instant start, Instant deadline) {}
