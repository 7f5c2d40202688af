package io.vigil.history;

import java.time.LocalDate;

/** A job's result for the night that starts on {@code day} at the tenant's day start, and how many runs ended in it. */
public record Night(LocalDate day, NightResult result, int runs) {}
