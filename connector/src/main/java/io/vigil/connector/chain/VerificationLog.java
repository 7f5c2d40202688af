package io.vigil.connector.chain;

import java.time.Instant;

/**
 * A {@code {image name}bad.log} that ImageManager writes beside a chain whose verification failed.
 *
 * @param fileName   the log's name
 * @param volume     the volume of the image it is named after
 * @param baseNumber that image's base number (the chain)
 * @param time       the log's modification time
 */
public record VerificationLog(String fileName, String volume, long baseNumber, Instant time) {}
