package io.vigil.connector.scan;

/**
 * A file or folder the scan could not use.
 *
 * @param path   relative to the repository root, with {@code /} separators
 * @param reason why it was not used
 */
public record Unparseable(String path, String reason) {}
