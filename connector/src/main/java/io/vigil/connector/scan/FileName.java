package io.vigil.connector.scan;

import io.vigil.connector.chain.ImageName;

/** What {@link ImageNames} made of a file name in a managed folder. */
public sealed interface FileName {

    /** A backup image ({@code .spf}, {@code .spi}). */
    record Image(ImageName name) implements FileName {}

    /** The {@code .md5} of the image whose name without extension is {@code stem} (lower case). */
    record Checksum(String stem) implements FileName {}

    /** A spanned part ({@code .sp2}, ...) of the image whose name without extension is {@code stem} (lower case). */
    record Part(String stem) implements FileName {}

    /** A failed verification of the chain {@code volume}/{@code baseNumber}. */
    record VerificationFailure(String volume, long baseNumber) implements FileName {}

    /** A normal file that says nothing about a chain (key files, bitmaps, Windows clutter). */
    record Ignored() implements FileName {}

    /** Not a file of an image repository; the reason says why. */
    record Rejected(String reason) implements FileName {}

    FileName IGNORED = new Ignored();
}
