package io.vigil.push;

/** One thing wrong with a push: where ({@code items[2].status}) and why. */
public record Problem(String field, String reason) {}
