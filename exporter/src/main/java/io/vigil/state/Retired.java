package io.vigil.state;

/** How many jobs and devices a retirement removed from the current state. */
public record Retired(int jobs, int devices) {}
