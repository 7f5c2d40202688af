package io.vigil.connector.testsupport;

import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.ManagedList;
import io.vigil.connector.scan.RepositoryScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Writes image files of a given size and modification time under a real root folder. */
public final class TestRepository {

    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final Path root;

    public TestRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes {@code CUSTOMER/FOLDER/name} with {@code bytes} bytes (sparse) and the given time. */
    public TestRepository file(String relativePath, long bytes, Instant time) {
        try {
            Path path = root.resolve(relativePath);
            Files.createDirectories(path.getParent());
            try (var raf = new java.io.RandomAccessFile(path.toFile(), "rw")) {
                raf.setLength(bytes);
            }
            Files.setLastModifiedTime(path, FileTime.from(time));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepository folder(String relativePath) {
        try {
            Files.createDirectories(root.resolve(relativePath));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scans and builds the inventory at {@link #NOW} with fixed space numbers. */
    public Inventory inventory(Optional<ManagedList> managed, RetentionPolicy policy) {
        return new InventoryBuilder(new Inventory.Connector("img01", "test"), new ChainAnalyzer(ZoneOffset.UTC), policy, managed)
                .build(root.toString(), new RepositoryScanner(root, new ImageNames()).scan(), 10_000, 4_000, NOW);
    }

    public Inventory inventory() {
        return inventory(Optional.empty(), RetentionPolicy.NONE);
    }

    /** The one volume entry for {@code volume}/{@code base} in {@code CUSTOMER/FOLDER}. */
    public static Inventory.Volume volume(Inventory inventory, String customerFolder, String volume, String base) {
        return folder(inventory, customerFolder).volumes().stream()
                .filter(v -> v.volume().equals(volume) && v.base().equals(base))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chain " + volume + "-" + base + " in " + customerFolder));
    }

    public static Inventory.Folder folder(Inventory inventory, String customerFolder) {
        return inventory.folders().stream()
                .filter(f -> (f.customer() + "/" + f.folder()).equals(customerFolder))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no folder " + customerFolder));
    }
}
