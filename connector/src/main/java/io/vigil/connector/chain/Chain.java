package io.vigil.connector.chain;

import java.time.Instant;
import java.util.List;

/**
 * The analysis of one volume chain: the files that share a volume and a base number in one folder.
 *
 * @param volume         the volume
 * @param base           the base segment, e.g. {@code b001}
 * @param current        true for the volume's newest chain (the one its newest image belongs to);
 *                       older chains are never needed to reach the newest image
 * @param depth          files on the restore path (present files only)
 * @param counts         files per kind, all files of the chain
 * @param newestPoint    the highest point any file covers (0 when only the base exists)
 * @param newestImageTime the latest file time in the chain
 * @param usageBytes     bytes on the restore path; 0 for a chain that is not current
 * @param retentionBytes all other bytes of the chain
 * @param broken         true when a file needed to reach the newest point is missing
 * @param missing        the missing files, in chain order; a run of missing incrementals is one
 *                       entry {@code FIRST..LAST}
 * @param missingCount   how many files are missing
 * @param restorePath    the fewest present files that restore the newest point, base first
 * @param restorePoints  points one can restore to: the base plus each distinct last point of the
 *                       other files
 * @param images         the chain's files, sorted by name
 */
public record Chain(
        String volume,
        String base,
        boolean current,
        int depth,
        ImageCounts counts,
        long newestPoint,
        Instant newestImageTime,
        long usageBytes,
        long retentionBytes,
        boolean broken,
        List<String> missing,
        long missingCount,
        List<String> restorePath,
        int restorePoints,
        List<Image> images) {

    public Chain {
        missing = List.copyOf(missing);
        restorePath = List.copyOf(restorePath);
        images = List.copyOf(images);
    }

    public long totalBytes() {
        return usageBytes + retentionBytes;
    }

    Chain notCurrent() {
        return new Chain(volume, base, false, depth, counts, newestPoint, newestImageTime, 0, totalBytes(),
                broken, missing, missingCount, restorePath, restorePoints, images);
    }
}
