package io.vigil.connector.chain;

import java.util.Collection;

/** How many files of each kind a chain holds (all files, not only those on the restore path). */
public record ImageCounts(int base, int incremental, int daily, int weekly, int monthly) {

    public static ImageCounts of(Collection<Image> images) {
        int[] counts = new int[ImageKind.values().length];
        for (Image image : images) {
            counts[image.kind().ordinal()]++;
        }
        return new ImageCounts(
                counts[ImageKind.BASE.ordinal()],
                counts[ImageKind.INCREMENTAL.ordinal()],
                counts[ImageKind.DAILY.ordinal()],
                counts[ImageKind.WEEKLY.ordinal()],
                counts[ImageKind.MONTHLY.ordinal()]);
    }

    public int total() {
        return base + incremental + daily + weekly + monthly;
    }
}
