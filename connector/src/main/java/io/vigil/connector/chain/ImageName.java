package io.vigil.connector.chain;

import java.util.Objects;

/**
 * What an image file's name says about it (ShadowProtect's naming, ImageManager's suffixes; see
 * connector/README.md). A name says which image a file depends on, never how far a consolidated file
 * reaches: that is derived by {@link ChainAnalyzer}.
 *
 * <p>A chain (one volume, one base number) has lines: line 0 starts at the base, line D at differential
 * D. Incrementals are numbered from 1 within their line.
 *
 * @param volume     the volume, e.g. {@code C_VOL}
 * @param baseLabel  the base segment as written, e.g. {@code b001}
 * @param baseNumber the base segment's number, which identifies the chain within the volume
 * @param line       the differential the file depends on (0: the base); for a differential, its own number
 * @param number     the incremental number (for a consolidated file: that of the first file it was built
 *                   from); 0 for a base or a differential
 * @param kind       the kind of image
 */
public record ImageName(String volume, String baseLabel, long baseNumber, long line, long number, ImageKind kind) {
    public ImageName {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(baseLabel, "baseLabel");
        Objects.requireNonNull(kind, "kind");
        boolean origin = kind == ImageKind.BASE || kind == ImageKind.DIFFERENTIAL;
        if (origin != (number == 0)) {
            throw new IllegalArgumentException("only a base or a differential has no incremental number");
        }
        if ((kind == ImageKind.BASE) != (line == 0 && number == 0)) {
            throw new IllegalArgumentException("a base is line 0, number 0");
        }
    }

    public static ImageName base(String volume, String baseLabel, long baseNumber) {
        return new ImageName(volume, baseLabel, baseNumber, 0, 0, ImageKind.BASE);
    }

    public static ImageName differential(String volume, String baseLabel, long baseNumber, long differential) {
        return new ImageName(volume, baseLabel, baseNumber, differential, 0, ImageKind.DIFFERENTIAL);
    }

    public static ImageName incremental(String volume, String baseLabel, long baseNumber, long line, long number) {
        return new ImageName(volume, baseLabel, baseNumber, line, number, ImageKind.INCREMENTAL);
    }

    public static ImageName consolidated(
            String volume, String baseLabel, long baseNumber, long line, long number, ImageKind kind) {
        if (!kind.isConsolidated()) {
            throw new IllegalArgumentException(kind + " is not a consolidated kind");
        }
        return new ImageName(volume, baseLabel, baseNumber, line, number, kind);
    }
}
