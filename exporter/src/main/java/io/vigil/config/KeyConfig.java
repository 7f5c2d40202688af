package io.vigil.config;

/**
 * One authorization key, stored only as the hex SHA-256 of the key ({@code vigil-exporter hash-key}
 * prints it). {@code role} is absent for admin keys. {@code name} says whose key it is, for logs.
 */
public record KeyConfig(KeyRole role, String sha256, String name) {}
