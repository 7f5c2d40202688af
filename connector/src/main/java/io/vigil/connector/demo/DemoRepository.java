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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

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
    public static final RetentionPolicy POLICY =
            new RetentionPolicy(Duration.ofDays(7), 0, RetentionPolicy.Keep.IMAGEMANAGER_DEFAULTS);

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
        imageManagerChain(srv01, "C_VOL", "b001", today.minus(Duration.ofDays(29)), 40_960, now, random);
        imageManagerChain(srv01, "System Reserved_VOL", "b001", today.minus(Duration.ofDays(29)), 100, now, random);
        image(srv01, "D_VOL-b001.spf", 102_400, today.minus(Duration.ofDays(3)));
        for (int i = 1; i <= 12; i++) {
            if (i != 7) {
                image(srv01, String.format("D_VOL-b001-i%03d.spi", i), 300 + random.nextInt(400),
                        today.minus(Duration.ofDays(3)).plus(Duration.ofHours(4L * i)));
            }
        }
        file(srv01.resolve("C_VOL-b001.spk"), 0, today.minus(Duration.ofDays(29)));
        file(srv01.resolve("Thumbs.db"), 0, today);

        Path srv02 = Files.createDirectories(dir.resolve("acme/SRV02"));
        Instant oldBase = today.minus(Duration.ofDays(60));
        image(srv02, "C_VOL-b001.spf", 61_440, oldBase);
        image(srv02, "C_VOL-b001-i001-cd-cw-cm.spi", 9_000, oldBase.plus(Duration.ofDays(21)));
        imageManagerChain(srv02, "C_VOL", "b002", today.minus(Duration.ofDays(9)), 63_488, now, random);
        deleteNewestIncrementalsMd5(srv02, "C_VOL-b002");

        Path old = Files.createDirectories(dir.resolve("acme/OLD-SRV"));
        Instant oldStart = today.minus(Duration.ofDays(200));
        image(old, "C_VOL-b001.spf", 30_720, oldStart);
        for (int i = 1; i <= 20; i++) {
            image(old, String.format("C_VOL-b001-i%03d.spi", i), 500, oldStart.plus(Duration.ofDays(i)));
        }

        Path fs01 = Files.createDirectories(dir.resolve("globex/FS01"));
        Instant fsStart = today.minus(Duration.ofDays(40)).plus(Duration.ofHours(22));
        image(fs01, "E_VOL-b001.spf", 204_800, fsStart.minus(Duration.ofDays(1)));
        for (int i = 1; i <= 40; i++) {
            Instant time = fsStart.plus(Duration.ofDays(i - 1));
            if (!time.isAfter(now)) {
                image(fs01, String.format("E_VOL-b001-i%03d.spi", i), 1_000 + random.nextInt(2_000), time);
            }
        }
        file(fs01.resolve("E_VOL-b001-i030bad.log"), 0, fsStart.plus(Duration.ofDays(30)));
        file(fs01.resolve("notes.txt"), 1, today);
        file(fs01.resolve("E_VOL-b001-i010-i005-cd.spi"), 1, today);

        Files.createDirectories(dir.resolve("globex/EMPTY"));
    }

    /**
     * A chain the way ImageManager keeps it with its default settings, whose base is written on {@code start}:
     * an incremental every 4 hours, each finished day consolidated into a daily named after its first
     * incremental ({@code -cd}, written at 00:30), each finished week's dailies into a weekly named after the
     * first daily ({@code -cd-cw}, written at 01:00); intra-daily files are removed 7 days after their daily,
     * dailies 15 days after their weekly (ImageManager user guide, "Consolidating Backup Image Files" and
     * "Retention Settings"). Every image has its {@code .md5}.
     */
    private void imageManagerChain(Path folder, String volume, String base, Instant start, long baseMiB, Instant now,
                                   Random random) throws IOException {
        String prefix = volume + "-" + base;
        image(folder, prefix + ".spf", baseMiB, start);
        long number = 0;
        List<String> weekDailies = new ArrayList<>();
        List<Instant> weekDailyTimes = new ArrayList<>();
        long weekFirst = 1;
        for (int day = 0; !start.plus(Duration.ofDays(day)).isAfter(now); day++) {
            Instant dayStart = start.plus(Duration.ofDays(day));
            Instant daily = dayStart.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30));
            boolean dayDone = !daily.isAfter(now);
            if (day % 7 == 0) {
                weekFirst = number + 1;
            }
            long dayFirst = number + 1;
            for (int k = 0; k < 6 && !dayStart.plus(Duration.ofHours(2 + 4L * k)).isAfter(now); k++) {
                number++;
                if (!dayDone || !daily.plus(Duration.ofDays(7)).isBefore(now)) {
                    image(folder, String.format("%s-i%03d.spi", prefix, number), 200 + random.nextInt(300),
                            dayStart.plus(Duration.ofHours(2 + 4L * k)));
                }
            }
            if (dayDone) {
                weekDailies.add(String.format("%s-i%03d-cd.spi", prefix, dayFirst));
                weekDailyTimes.add(daily);
            }
            Instant weekly = daily.plus(Duration.ofMinutes(30));
            boolean weekDone = day % 7 == 6 && !weekly.isAfter(now);
            if (weekDone) {
                image(folder, String.format("%s-i%03d-cd-cw.spi", prefix, weekFirst), 5_000 + random.nextInt(2_000),
                        weekly);
            }
            if (weekDone || day % 7 == 6 || !start.plus(Duration.ofDays(day + 1)).isBefore(now)) {
                boolean kept = !weekDone || !weekly.plus(Duration.ofDays(15)).isBefore(now);
                for (int i = 0; i < weekDailies.size() && kept; i++) {
                    image(folder, weekDailies.get(i), 1_200 + random.nextInt(600), weekDailyTimes.get(i));
                }
                weekDailies.clear();
                weekDailyTimes.clear();
            }
        }
    }

    /**
     * Leaves the chain's newest incremental unverified. Which one that is depends on the hour: before 02:00 it is
     * yesterday's last one, today's first is not written yet.
     */
    private static void deleteNewestIncrementalsMd5(Path folder, String chain) throws IOException {
        try (var files = Files.list(folder)) {
            Path newest = files.filter(f -> f.getFileName().toString().matches(Pattern.quote(chain) + "-i\\d{3}\\.md5"))
                    .max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElseThrow(() -> new IllegalStateException("chain " + chain + " has no incremental"));
            Files.delete(newest);
        }
    }

    /** An image and its {@code .md5}. */
    private void image(Path folder, String name, long mib, Instant time) throws IOException {
        file(folder.resolve(name), mib, time);
        file(folder.resolve(name.substring(0, name.lastIndexOf('.')) + ".md5"), 0, time);
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
