package io.vigil.connector.chain;

import java.time.Instant;
import java.util.List;

/**
 * The analysis of one volume chain: the files that share a volume and a base number in one folder.
 *
 * @param volume                 the volume
 * @param base                   the base segment, e.g. {@code b001}
 * @param current                true for the volume's newest chain (the one its newest backup belongs to);
 *                               older chains are never needed to reach the newest image
 * @param depth                  files on the restore path (present files only)
 * @param counts                 files per kind, all files of the chain
 * @param newestImageTime        when the newest restore point was backed up: the time of the newest base,
 *                               differential or incremental, never of a consolidation written later
 * @param newestFileTime         the latest modification time of any file of the chain
 * @param usageBytes             bytes on the restore path; 0 for a chain that is not current
 * @param retentionBytes         all other bytes of the chain
 * @param broken                 true when a file needed to reach the newest point is missing
 * @param missing                the missing files, in chain order; a run of missing incrementals is one
 *                               entry {@code FIRST..LAST}
 * @param missingCount           how many files are missing
 * @param restorePath            the fewest present files that restore the newest point, base first
 * @param restorePoints          points one can restore to: the base, each differential, and each distinct
 *                               last point of the other files
 * @param unverifiedImages       images without their {@code .md5}
 * @param verificationFailedTime the newest {@code bad.log} of the chain, or null when there is none
 * @param files                  the chain's files with the points they cover, sorted by name
 */
public record Chain(
        String volume,
        String base,
        boolean current,
        int depth,
        ImageCounts counts,
        Instant newestImageTime,
        Instant newestFileTime,
        long usageBytes,
        long retentionBytes,
        boolean broken,
        List<String> missing,
        long missingCount,
        List<String> restorePath,
        int restorePoints,
        int unverifiedImages,
        Instant verificationFailedTime,
        List<ChainFile> files) {

    public Chain {
        missing = List.copyOf(missing);
        restorePath = List.copyOf(restorePath);
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return usageBytes + retentionBytes;
    }

    public boolean verificationFailed() {
        return verificationFailedTime != null;
    }

    Chain notCurrent() {
        return new Chain(volume, base, false, depth, counts, newestImageTime, newestFileTime, 0, totalBytes(),
                broken, missing, missingCount, restorePath, restorePoints, unverifiedImages, verificationFailedTime,
                files);
    }
}
