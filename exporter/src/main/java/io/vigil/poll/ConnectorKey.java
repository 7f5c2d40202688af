package io.vigil.poll;

/** A connector as configured: the tenant that owns it and its name (the {@code connector} label). */
public record ConnectorKey(String tenant, String connector) {}
