package io.vigil.config;

/** Per-customer settings: {@code quotaBytes} is a manual quota (else the repositories' free bytes count). */
public record CustomerConfig(String customer, Long quotaBytes) {}
