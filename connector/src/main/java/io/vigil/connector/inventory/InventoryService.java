package io.vigil.connector.inventory;

import io.vigil.connector.scan.RepositoryScan;
import io.vigil.connector.scan.RepositoryScanner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last inventory and rescans only when it is due: when {@code rescanInterval} has passed
 * since the last scan, or when the {@link DirectoryFingerprint} changed (checked at most every
 * {@code changeCheckInterval}). A rescan that finds the same content keeps the old body byte for
 * byte, so its ETag stays valid. Thread-safe; readers never wait unless a rescan is due.
 */
public final class InventoryService {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final RepositoryScanner scanner;
    private final InventoryBuilder builder;
    private final Clock clock;
    private final Duration rescanInterval;
    private final Duration changeCheckInterval;
    private final SpaceProbe space;

    private volatile Snapshot snapshot;
    private long fingerprint;
    private volatile Instant lastChangeCheck = Instant.MIN;

    public InventoryService(RepositoryScanner scanner, InventoryBuilder builder, Clock clock,
                            Duration rescanInterval, Duration changeCheckInterval, SpaceProbe space) {
        this.scanner = scanner;
        this.builder = builder;
        this.clock = clock;
        this.rescanInterval = rescanInterval;
        this.changeCheckInterval = changeCheckInterval;
        this.space = space;
    }

    /** The current inventory, rescanning first if a rescan is due. */
    public Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && !scanDue(s, now) && !changeCheckDue(now)) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            now = clock.instant();
            if (s == null || scanDue(s, now)) {
                return rescan();
            }
            if (changeCheckDue(now)) {
                lastChangeCheck = now;
                if (DirectoryFingerprint.of(scanner.root()) != fingerprint) {
                    return rescan();
                }
            }
            return snapshot;
        }
    }

    /** Scans now, whatever the schedule says. */
    public synchronized Snapshot rescan() {
        long started = System.nanoTime();
        Instant scanTime = clock.instant();
        Instant now = scanTime.truncatedTo(ChronoUnit.SECONDS);
        long newFingerprint = DirectoryFingerprint.of(scanner.root());
        RepositoryScan scan = scanner.scan();
        SpaceProbe.Space repositorySpace = new SpaceProbe.Space(0, 0);
        try {
            repositorySpace = space.probe(scanner.root());
        } catch (IOException e) {
            LOG.warn("cannot read the file store of {}: {}", scanner.root(), e.toString());
        }
        InventoryBuilder.Analysis analysis = builder.analyse(scanner.root().toString(), scan,
                repositorySpace.sizeBytes(), repositorySpace.freeBytes(), now);
        Inventory inventory = analysis.inventory();
        Snapshot old = snapshot;
        if (old != null && inventory.withScannedAt(old.inventory().scannedAt()).equals(old.inventory())) {
            snapshot = old.rescanned(scanTime, analysis.chains());
        } else {
            snapshot = Snapshot.of(inventory, scanTime, analysis.chains());
        }
        fingerprint = newFingerprint;
        lastChangeCheck = scanTime;
        LOG.debug("scanned {} folders in {} ms", scan.folders().size(), (System.nanoTime() - started) / 1_000_000);
        return snapshot;
    }

    private boolean scanDue(Snapshot s, Instant now) {
        return !now.isBefore(s.lastScan().plus(rescanInterval));
    }

    private boolean changeCheckDue(Instant now) {
        return !now.isBefore(lastChangeCheck.plus(changeCheckInterval));
    }
}
