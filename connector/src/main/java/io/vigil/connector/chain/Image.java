package io.vigil.connector.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * One image file found on disk.
 *
 * @param fileName the file's name (no folder)
 * @param name     what the name says
 * @param bytes    the file's size
 * @param time     the file's modification time, taken as the image time
 */
public record Image(String fileName, ImageName name, long bytes, Instant time) {
    public Image {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
    }

    public ImageKind kind() {
        return name.kind();
    }
}
