package io.vigil.connector.chain;

import java.util.Objects;

/**
 * What an image file's name says about it.
 *
 * <p>Points number the restore points of one chain: 0 is the base, n is incremental n. A file covers
 * the points {@code first..last}: the base covers 0..0, incremental n covers n..n, a consolidated file
 * covers the run of incrementals it replaces.
 *
 * @param volume     the volume, e.g. {@code C_VOL}
 * @param baseLabel  the base segment as written, e.g. {@code b001}
 * @param baseNumber the base segment's number, which identifies the chain within the volume
 * @param kind       the kind of image
 * @param first      first point covered
 * @param last       last point covered
 */
public record ImageName(String volume, String baseLabel, long baseNumber, ImageKind kind, long first, long last) {
    public ImageName {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(baseLabel, "baseLabel");
        Objects.requireNonNull(kind, "kind");
        if (first > last) {
            throw new IllegalArgumentException("first point " + first + " after last point " + last);
        }
        if ((kind == ImageKind.BASE) != (first == 0)) {
            throw new IllegalArgumentException("only a base image covers point 0");
        }
    }

    public static ImageName base(String volume, String baseLabel, long baseNumber) {
        return new ImageName(volume, baseLabel, baseNumber, ImageKind.BASE, 0, 0);
    }

    public static ImageName incremental(String volume, String baseLabel, long baseNumber, long number) {
        return new ImageName(volume, baseLabel, baseNumber, ImageKind.INCREMENTAL, number, number);
    }

    public static ImageName consolidated(
            String volume, String baseLabel, long baseNumber, ImageKind kind, long first, long last) {
        if (!kind.isConsolidated()) {
            throw new IllegalArgumentException(kind + " is not a consolidated kind");
        }
        return new ImageName(volume, baseLabel, baseNumber, kind, first, last);
    }
}
