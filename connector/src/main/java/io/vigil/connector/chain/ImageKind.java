package io.vigil.connector.chain;

import java.util.Locale;

/**
 * The kinds of image file in a volume chain. The lower-case name is the JSON key and the metric label.
 * Consolidated kinds are ordered by level: a file consolidated again keeps its suffixes
 * ({@code -cd-cw}) and its kind is the highest of them.
 */
public enum ImageKind {
    /** The full image that starts a chain ({@code VOLUME-bNNN.spf}). */
    BASE(0),
    /** A differential image: every change since the base ({@code VOLUME-bNNN-dNNN.spi}, {@code -dNNN-i000.spi}). */
    DIFFERENTIAL(0),
    /** One incremental image ({@code VOLUME-bNNN-iNNN.spi}, or {@code -dNNN-iNNN.spi} after a differential). */
    INCREMENTAL(0),
    /** An ImageManager daily consolidation ({@code -cd}). */
    DAILY(1),
    /** A weekly consolidation ({@code -cw}). */
    WEEKLY(2),
    /** A monthly consolidation ({@code -cm}). */
    MONTHLY(3),
    /** A rolling consolidation of monthlies ({@code -cr}). */
    ROLLING(4);

    private final int level;

    ImageKind(int level) {
        this.level = level;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 0 for images written by a backup, 1 (daily) to 4 (rolling) for ImageManager's consolidations. */
    public int level() {
        return level;
    }

    public boolean isConsolidated() {
        return level > 0;
    }

    /** Written by a backup (base, differential, incremental), as opposed to by a later consolidation. */
    public boolean isBackup() {
        return level == 0;
    }

    /** The consolidated kind of a name suffix letter ({@code d w m r}), or null. */
    public static ImageKind ofSuffixLetter(char letter) {
        return switch (Character.toLowerCase(letter)) {
            case 'd' -> DAILY;
            case 'w' -> WEEKLY;
            case 'm' -> MONTHLY;
            case 'r' -> ROLLING;
            default -> null;
        };
    }
}
