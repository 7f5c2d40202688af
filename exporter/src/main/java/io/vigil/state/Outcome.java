package io.vigil.state;

/** What a committed push changed: reports applied, and job runs already stored under the same run id. */
public record Outcome(int accepted, int duplicates) {}
