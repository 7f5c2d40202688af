package io.vigil.connector.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * One image file found on disk, with its sidecars.
 *
 * @param fileName the file's name (no folder)
 * @param name     what the name says
 * @param bytes    the file's size plus that of its spanned parts
 * @param time     the file's modification time: when the backup or the consolidation wrote it
 * @param md5      whether its {@code .md5} sidecar is there (ImageManager counts an image without it as corrupt)
 * @param parts    spanned parts ({@code .sp2}, {@code .sp3}...) found beside it
 */
public record Image(String fileName, ImageName name, long bytes, Instant time, boolean md5, int parts) {
    public Image {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
    }

    /** A verified image without spanned parts. */
    public Image(String fileName, ImageName name, long bytes, Instant time) {
        this(fileName, name, bytes, time, true, 0);
    }

    public ImageKind kind() {
        return name.kind();
    }
}
