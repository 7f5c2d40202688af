package io.vigil.connector.inventory;

import io.vigil.connector.chain.Chain;
import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.Image;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.FolderScan;
import io.vigil.connector.scan.ManagedList;
import io.vigil.connector.scan.RepositoryScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns a repository scan into the inventory document. Pure: no file system, no clock. */
public final class InventoryBuilder {

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
            for (Chain chain : analyzer.analyze(folder.images())) {
                volumes.add(volume(chain, now));
            }
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
        return new Inventory(Inventory.VERSION, connector, now,
                new Inventory.Repository(root, sizeBytes, freeBytes, imageBytes),
                folders, unmanaged, missingManaged, scan.unparseable());
    }

    private Inventory.Volume volume(Chain chain, Instant now) {
        List<String> reasons = retention.reasons(chain, now);
        return new Inventory.Volume(chain.volume(), chain.base(), chain.current(), chain.depth(), chain.counts(),
                chain.newestImageTime(), chain.usageBytes(), chain.retentionBytes(), chain.broken(),
                chain.missing(), chain.missingCount(), chain.restorePath(), chain.restorePoints(),
                !reasons.isEmpty(), reasons);
    }
}
