package io.vigil.config;

/**
 * An explicit setting for one folder of a connector: {@code folder} is its path on the connector
 * ({@code CUSTOMER/FOLDER}); {@code customer}, when given, assigns it to that customer instead of the
 * one in the path (moving a folder to another customer); {@code graceSeconds} overrides the tenant's
 * chain grace (monitoring priority) for its volumes.
 */
public record FolderConfig(String connector, String folder, String customer, Long graceSeconds) {}
