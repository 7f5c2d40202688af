package io.vigil.connector.inventory;

import io.vigil.connector.chain.Chain;
import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.Image;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.FolderScan;
import io.vigil.connector.scan.ManagedList;
import io.vigil.connector.scan.RepositoryScan;
import io.vigil.connector.scan.Unparseable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns a repository scan into the inventory document. Pure: no file system, no clock. */
public final class InventoryBuilder {

    /** Unparseable files named in the document; all of them are counted in {@code unparseable_counts}. */
    public static final int UNPARSEABLE_SAMPLE = 100;

    private final Inventory.Connector connector;
    private final ChainAnalyzer analyzer;
    private final RetentionPolicy retention;
    private final Optional<ManagedList> managed;

    public InventoryBuilder(Inventory.Connector connector, ChainAnalyzer analyzer, RetentionPolicy retention,
                            Optional<ManagedList> managed) {
        this.connector = connector;
        this.analyzer = analyzer;
        this.retention = retention;
        this.managed = managed;
    }

    /**
     * @param root       the repository root as shown in the document
     * @param scan       the scan
     * @param sizeBytes  file store size
     * @param freeBytes  file store usable bytes
     * @param now        scan time, also the reference for retention ages
     */
    public Inventory build(String root, RepositoryScan scan, long sizeBytes, long freeBytes, Instant now) {
        return analyse(root, scan, sizeBytes, freeBytes, now).inventory();
    }

    /** The inventory and, per folder, the analysed chains it was written from (for the chain details). */
    public Analysis analyse(String root, RepositoryScan scan, long sizeBytes, long freeBytes, Instant now) {
        Map<FolderRef, List<Chain>> chainsByFolder = new TreeMap<>();
        List<Inventory.Folder> folders = new ArrayList<>();
        List<Inventory.FolderName> unmanaged = new ArrayList<>();
        Set<FolderRef> seen = new TreeSet<>();
        long imageBytes = 0;
        for (FolderScan folder : scan.folders()) {
            seen.add(folder.ref());
            boolean isManaged = managed.map(m -> m.contains(folder.ref())).orElse(true);
            if (!isManaged) {
                unmanaged.add(Inventory.FolderName.of(folder.ref()));
            }
            List<Inventory.Volume> volumes = new ArrayList<>();
            List<Chain> chains = analyzer.analyze(folder.images(), folder.verificationLogs());
            for (Chain chain : chains) {
                volumes.add(volume(chain, now));
            }
            chainsByFolder.put(folder.ref(), chains);
            for (Image image : folder.images()) {
                imageBytes += image.bytes();
            }
            folders.add(new Inventory.Folder(folder.ref().customer(), folder.ref().folder(), isManaged, volumes));
        }
        List<Inventory.FolderName> missingManaged = managed.map(m -> m.folders().stream()
                        .filter(ref -> !seen.contains(ref))
                        .map(Inventory.FolderName::of)
                        .toList())
                .orElse(List.of());
        Inventory inventory = new Inventory(Inventory.VERSION, connector, now,
                new Inventory.Repository(root, sizeBytes, freeBytes, imageBytes),
                folders, unmanaged, missingManaged, scan.unparseable().size(), unparseableCounts(scan.unparseable()),
                scan.unparseable().subList(0, Math.min(UNPARSEABLE_SAMPLE, scan.unparseable().size())));
        return new Analysis(inventory, chainsByFolder);
    }

    /** What {@link #analyse} found. */
    public record Analysis(Inventory inventory, Map<FolderRef, List<Chain>> chains) {
        public Analysis {
            chains = Map.copyOf(chains);
        }
    }

    private static List<Inventory.UnparseableCount> unparseableCounts(List<Unparseable> unparseable) {
        Map<String, Long> counts = new TreeMap<>();
        for (Unparseable u : unparseable) {
            counts.merge(place(u.path()), 1L, Long::sum);
        }
        List<Inventory.UnparseableCount> result = new ArrayList<>(counts.size());
        counts.forEach((place, count) -> result.add(new Inventory.UnparseableCount(place, count)));
        return result;
    }

    /** The folder an entry is in, at most {@code CUSTOMER/FOLDER} deep. */
    private static String place(String path) {
        String entry = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int parent = entry.lastIndexOf('/');
        if (parent < 0) {
            return "";
        }
        String folder = entry.substring(0, parent);
        int first = folder.indexOf('/');
        int second = first < 0 ? -1 : folder.indexOf('/', first + 1);
        return second < 0 ? folder : folder.substring(0, second);
    }

    private Inventory.Volume volume(Chain chain, Instant now) {
        List<String> reasons = retention.reasons(chain, now);
        return new Inventory.Volume(chain.volume(), chain.base(), chain.current(), chain.depth(), chain.counts(),
                chain.newestImageTime(), chain.newestFileTime(), chain.usageBytes(), chain.retentionBytes(),
                chain.broken(), chain.missing(), chain.missingCount(), chain.restorePath(), chain.restorePoints(),
                !reasons.isEmpty(), reasons, chain.unverifiedImages(), chain.verificationFailed(),
                chain.verificationFailedTime());
    }
}
