package io.vigil.connector.chain;

import java.util.Locale;

/** The kinds of image file in a volume chain. The lower-case name is the JSON key and the metric label. */
public enum ImageKind {
    /** The full image that starts a chain ({@code .spf}). */
    BASE,
    /** One incremental image ({@code -iNNN.spi}). */
    INCREMENTAL,
    /** A daily consolidation of a run of incrementals ({@code -iNNN-iMMM-cd.spi}). */
    DAILY,
    /** A weekly consolidation ({@code -cw.spi}). */
    WEEKLY,
    /** A monthly consolidation ({@code -cm.spi}). */
    MONTHLY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isConsolidated() {
        return this == DAILY || this == WEEKLY || this == MONTHLY;
    }
}
