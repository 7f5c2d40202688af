package io.vigil.view;

import java.time.Duration;

/** A tenant as the outputs show it: its display name and the defaults its jobs and devices fall back to. */
public record TenantView(String account, String name, Duration grace, Duration heartbeatInterval) {}
