package io.vigil.connector.demo;

import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.ManagedList;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a realistic sample image repository: sparse files (no data, only a length) with set
 * modification times, laid out as {@code DIR/CUSTOMER/FOLDER/}. Sizes are given in MiB and multiplied
 * by {@code bytesPerMiB}: {@link #REALISTIC} gives real-looking sizes (tens of GiB, sparse, so they use
 * no disk on Linux file systems), a small value gives tiny files for tests. Same clock, same output.
 *
 * <p>What it holds (times relative to the clock):
 * <ul>
 *   <li>{@code acme/SRV01}: C_VOL, 30 days of 4-hourly incrementals consolidated into three weeklies
 *       and daily files, today's incrementals plain; D_VOL with a missing middle incremental (broken).</li>
 *   <li>{@code acme/SRV02}: C_VOL with an older chain b001 (monthly) and the current chain b002.</li>
 *   <li>{@code acme/OLD-SRV}: not in the managed list (unmanaged), never consolidated.</li>
 *   <li>{@code globex/FS01}: 40 daily incrementals never consolidated (unexpected retention under
 *       {@link #POLICY}), plus two files that are not images.</li>
 *   <li>{@code globex/EMPTY}: an empty managed folder; {@code globex/GONE} is managed but absent.</li>
 * </ul>
 */
public final class DemoRepository {

    public static final long REALISTIC = 1L << 20;

    /** The retention policy the demo is meant to be served with. */
    public static final RetentionPolicy POLICY = new RetentionPolicy(Duration.ofDays(7), 30);

    /** The managed folders of the demo (acme/OLD-SRV is left out on purpose). */
    public static final ManagedList MANAGED = new ManagedList(Set.of(
            new FolderRef("acme", "SRV01"), new FolderRef("acme", "SRV02"),
            new FolderRef("globex", "FS01"), new FolderRef("globex", "EMPTY"), new FolderRef("globex", "GONE")));

    private final Clock clock;
    private final long bytesPerMiB;

    public DemoRepository(Clock clock, long bytesPerMiB) {
        if (bytesPerMiB < 1) {
            throw new IllegalArgumentException("bytesPerMiB must be at least 1");
        }
        this.clock = clock;
        this.bytesPerMiB = bytesPerMiB;
    }

    /** Writes the demo into {@code dir} (created if needed); files of the same name are overwritten. */
    public void write(Path dir) throws IOException {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Instant now = clock.instant();
        Random random = new Random(42);

        Path srv01 = Files.createDirectories(dir.resolve("acme/SRV01"));
        consolidatedChain(srv01, "C_VOL", "b001", today.minus(Duration.ofDays(29)), 30, 40_960, now, random);
        Path d = srv01.resolve("D_VOL-b001.spf");
        file(d, 102_400, today.minus(Duration.ofDays(3)));
        for (int i = 1; i <= 12; i++) {
            if (i != 7) {
                file(srv01.resolve(String.format("D_VOL-b001-i%03d.spi", i)), 300 + random.nextInt(400),
                        today.minus(Duration.ofDays(3)).plus(Duration.ofHours(4L * i)));
            }
        }

        Path srv02 = Files.createDirectories(dir.resolve("acme/SRV02"));
        Instant oldBase = today.minus(Duration.ofDays(60));
        file(srv02.resolve("C_VOL-b001.spf"), 61_440, oldBase);
        file(srv02.resolve("C_VOL-b001-i001-i120-cm.spi"), 9_000, oldBase.plus(Duration.ofDays(21)));
        consolidatedChain(srv02, "C_VOL", "b002", today.minus(Duration.ofDays(9)), 10, 63_488, now, random);

        Path old = Files.createDirectories(dir.resolve("acme/OLD-SRV"));
        Instant oldStart = today.minus(Duration.ofDays(200));
        file(old.resolve("C_VOL-b001.spf"), 30_720, oldStart);
        for (int i = 1; i <= 20; i++) {
            file(old.resolve(String.format("C_VOL-b001-i%03d.spi", i)), 500, oldStart.plus(Duration.ofDays(i)));
        }

        Path fs01 = Files.createDirectories(dir.resolve("globex/FS01"));
        Instant fsStart = today.minus(Duration.ofDays(40)).plus(Duration.ofHours(22));
        file(fs01.resolve("E_VOL-b001.spf"), 204_800, fsStart.minus(Duration.ofDays(1)));
        for (int i = 1; i <= 40; i++) {
            Instant time = fsStart.plus(Duration.ofDays(i - 1));
            if (!time.isAfter(now)) {
                file(fs01.resolve(String.format("E_VOL-b001-i%03d.spi", i)), 1_000 + random.nextInt(2_000), time);
            }
        }
        file(fs01.resolve("notes.txt"), 1, today);
        file(fs01.resolve("E_VOL-b001-i010-i005-cd.spi"), 1, today);

        Files.createDirectories(dir.resolve("globex/EMPTY"));
    }

    /**
     * A chain whose base is {@code days - 1} days before today: 6 incrementals a day (every 4 hours),
     * whole weeks consolidated weekly, other past days daily, today's incrementals left plain.
     */
    private void consolidatedChain(Path folder, String volume, String base, Instant start, int days,
                                   long baseMiB, Instant now, Random random) throws IOException {
        String prefix = volume + "-" + base;
        file(folder.resolve(prefix + ".spf"), baseMiB, start);
        int weeks = (days - 1) / 7;
        for (int day = 1; day <= days; day++) {
            Instant dayStart = start.plus(Duration.ofDays(day - 1));
            int first = (day - 1) * 6 + 1;
            int last = day * 6;
            if (day == days) {
                for (int i = first; i <= last; i++) {
                    Instant time = dayStart.plus(Duration.ofHours(4L * (i - first) + 2));
                    if (!time.isAfter(now)) {
                        file(folder.resolve(String.format("%s-i%03d.spi", prefix, i)), 200 + random.nextInt(300), time);
                    }
                }
            } else if (day > weeks * 7) {
                file(folder.resolve(String.format("%s-i%03d-i%03d-cd.spi", prefix, first, last)),
                        1_200 + random.nextInt(600), dayStart.plus(Duration.ofHours(24)));
            } else if (day % 7 == 0) {
                file(folder.resolve(String.format("%s-i%03d-i%03d-cw.spi", prefix, first - 36, last)),
                        5_000 + random.nextInt(2_000), dayStart.plus(Duration.ofHours(24)));
            }
        }
    }

    private void file(Path path, long mib, Instant time) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(mib * bytesPerMiB);
        }
        Files.setLastModifiedTime(path, FileTime.from(time));
    }

    /** The folders the demo writes, for tests and docs. */
    public static List<FolderRef> folders() {
        return List.of(new FolderRef("acme", "OLD-SRV"), new FolderRef("acme", "SRV01"),
                new FolderRef("acme", "SRV02"), new FolderRef("globex", "EMPTY"), new FolderRef("globex", "FS01"));
    }
}
