package io.vigil.connector.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.connector.chain.ImageCounts;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.Unparseable;
import java.time.Instant;
import java.util.List;

/**
 * The JSON document served at {@code /api/v1/inventory} (field names become snake_case).
 * Records here are the wire contract; see connector/README.md before changing them.
 */
public record Inventory(
        int version,
        Connector connector,
        Instant scannedAt,
        Repository repository,
        List<Folder> folders,
        List<FolderName> unmanagedFolders,
        List<FolderName> missingManagedFolders,
        long unparseableFilesTotal,
        List<UnparseableCount> unparseableCounts,
        List<Unparseable> unparseableFiles) {

    public static final int VERSION = 1;

    /** The same document with another scan time: two scans that see the same repository are equal under this. */
    public Inventory withScannedAt(Instant time) {
        return new Inventory(version, connector, time, repository, folders, unmanagedFolders,
                missingManagedFolders, unparseableFilesTotal, unparseableCounts, unparseableFiles);
    }

    public record Connector(String name, String version) {}

    /**
     * @param sizeBytes  total size of the file store holding the root
     * @param freeBytes  bytes usable on that file store
     * @param imageBytes bytes of all image files found
     */
    public record Repository(String root, long sizeBytes, long freeBytes, long imageBytes) {}

    public record Folder(String customer, String folder, boolean managed, List<Volume> volumes) {}

    public record FolderName(String customer, String folder) {
        static FolderName of(FolderRef ref) {
            return new FolderName(ref.customer(), ref.folder());
        }
    }

    public record Volume(
            String volume,
            String base,
            boolean current,
            int depth,
            ImageCounts images,
            Instant newestImageTime,
            Instant newestFileTime,
            long usageBytes,
            long retentionBytes,
            boolean broken,
            List<String> missing,
            long missingCount,
            List<String> restorePath,
            int restorePoints,
            boolean retentionUnexpected,
            List<String> retentionReasons,
            int unverifiedImages,
            boolean verificationFailed,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant verificationFailedTime) {}

    /**
     * How many files could not be used in one place: a folder {@code CUSTOMER/FOLDER}, a customer folder
     * {@code CUSTOMER}, or {@code ""} for the root.
     */
    public record UnparseableCount(String folder, long count) {}
}
