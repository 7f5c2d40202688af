package io.vigil.connector.chain;

import java.util.Collection;

/** How many files of each kind a chain holds (all files, not only those on the restore path). */
public record ImageCounts(int base, int differential, int incremental, int daily, int weekly, int monthly, int rolling) {

    public static ImageCounts of(Collection<Image> images) {
        int[] n = new int[ImageKind.values().length];
        for (Image image : images) {
            n[image.kind().ordinal()]++;
        }
        return new ImageCounts(n[ImageKind.BASE.ordinal()], n[ImageKind.DIFFERENTIAL.ordinal()],
                n[ImageKind.INCREMENTAL.ordinal()], n[ImageKind.DAILY.ordinal()], n[ImageKind.WEEKLY.ordinal()],
                n[ImageKind.MONTHLY.ordinal()], n[ImageKind.ROLLING.ordinal()]);
    }

    /** The count of one kind. */
    public int of(ImageKind kind) {
        return switch (kind) {
            case BASE -> base;
            case DIFFERENTIAL -> differential;
            case INCREMENTAL -> incremental;
            case DAILY -> daily;
            case WEEKLY -> weekly;
            case MONTHLY -> monthly;
            case ROLLING -> rolling;
        };
    }

    public int total() {
        return base + differential + incremental + daily + weekly + monthly + rolling;
    }
}
