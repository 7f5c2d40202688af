package io.vigil.connector.inventory;

import static io.vigil.connector.testsupport.TestRepository.NOW;
import static io.vigil.connector.testsupport.TestRepository.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connector.chain.ImageCounts;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.testsupport.TestRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories laid out the way ShadowProtect and ImageManager name and keep files, over real files. Sources:
 * ShadowProtect user guide, "File Naming Conventions" (base, differential, incremental names);
 * ImageManager user guide, "Consolidating Backup Image Files" (-cd daily at the end of each day, -cw weekly,
 * -cm monthly, -cr rolling; names such as D_VOL-b001-i005-cd.spi and D_VOL-b001-i097-cd-cm-cr.spi) and
 * "Retention Settings" (intra-daily files kept 7 days after their daily, dailies 15 days after their weekly,
 * weeklies 90 days after their monthly); "How to read a ShadowProtect chain" (Axcient KB 115012572287: every
 * image has an .md5, an image without it is treated as corrupt; .spk, .bitmap sidecars).
 */
class ImageManagerRepositoriesTest {

    private static final String SRV = "acme/SRV01/";
    /** Day 0 of the hourly chain; NOW (2026-11-25T10:00Z) is day 57. */
    private static final Instant DAY0 = Instant.parse("2026-09-29T00:00:00Z");

    @TempDir
    Path root;

    private TestRepository repo() {
        return new TestRepository(root);
    }

    /** An image and its .md5. */
    private static TestRepository image(TestRepository repo, String name, long bytes, Instant time) {
        return repo.file(name, bytes, time).file(name.substring(0, name.lastIndexOf('.')) + ".md5", 0, time);
    }

    private static Instant day(int day, int hour, int minute) {
        return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    /**
     * C_VOL-b001 with ImageManager's default settings, 57 days in: an incremental every hour at :30 (day D holds
     * i(24D+1)..i(24D+24)); each day rolled into a daily named after its first incremental at 00:45 the next day;
     * each week (days 7k..7k+6) rolled into a weekly named after its first daily ({@code -cd-cw}) at 01:00; the
     * first four weeklies rolled into a monthly ({@code -cd-cw-cm}) on day 33 (November 1st); retention removed
     * intra-dailies 7 days after their daily and dailies 15 days after their weekly. {@code except} names files
     * that are not written.
     */
    private static List<String> hourlyChain(TestRepository repo, String folder, List<String> except) {
        List<String> written = new ArrayList<>();
        java.util.function.BiConsumer<String, Object[]> put = (name, args) -> {
            if (!except.contains(name)) {
                image(repo, folder + name, (Long) args[0], (Instant) args[1]);
                written.add(name);
            }
        };
        put.accept("C_VOL-b001.spf", new Object[] {100_000L, DAY0});
        Instant keepIntraDailiesAfter = NOW.minus(Duration.ofDays(7));
        Instant keepDailiesAfter = NOW.minus(Duration.ofDays(15));
        for (int d = 0; d <= 57; d++) {
            Instant daily = day(d + 1, 0, 45);
            boolean rolled = !daily.isAfter(NOW);
            for (int h = 0; h < 24 && !day(d, h, 30).isAfter(NOW); h++) {
                if (!rolled || !daily.isBefore(keepIntraDailiesAfter)) {
                    put.accept(String.format("C_VOL-b001-i%03d.spi", 24 * d + h + 1), new Object[] {10L, day(d, h, 30)});
                }
            }
            int week = d / 7;
            Instant weekly = day(7 * week + 7, 1, 0);
            boolean weekRolled = !weekly.isAfter(NOW);
            if (rolled && (!weekRolled || !weekly.isBefore(keepDailiesAfter))) {
                put.accept(String.format("C_VOL-b001-i%03d-cd.spi", 24 * d + 1), new Object[] {200L, daily});
            }
            if (d % 7 == 6 && weekRolled) {
                put.accept(String.format("C_VOL-b001-i%03d-cd-cw.spi", 24 * 7 * week + 1), new Object[] {1_000L, weekly});
            }
        }
        put.accept("C_VOL-b001-i001-cd-cw-cm.spi", new Object[] {5_000L, day(33, 1, 15)});
        return written;
    }

    @Test
    void anImageManagerChainWithHourlyIncrementalsAndStackedConsolidationsIsWholeAndShort() {
        TestRepository repo = repo();
        List<String> written = hourlyChain(repo, SRV, List.of());
        repo.file(SRV + "C_VOL-b001.spk", 1, DAY0).file(SRV + "C_VOL-b001-i001-cd.bitmap", 1, DAY0);

        Inventory inv = repo.inventory(Optional.empty(), new RetentionPolicy(Duration.ofDays(7), 0,
                RetentionPolicy.Keep.IMAGEMANAGER_DEFAULTS));

        Inventory.Volume v = volume(inv, "acme/SRV01", "C_VOL", "b001");
        List<String> path = new ArrayList<>(List.of("C_VOL-b001.spf", "C_VOL-b001-i001-cd-cw-cm.spi",
                "C_VOL-b001-i673-cd-cw.spi", "C_VOL-b001-i841-cd-cw.spi", "C_VOL-b001-i1009-cd-cw.spi",
                "C_VOL-b001-i1177-cd-cw.spi", "C_VOL-b001-i1345-cd.spi"));
        IntStream.rangeClosed(1369, 1378).forEach(i -> path.add("C_VOL-b001-i" + i + ".spi"));
        assertThat(v.restorePath()).containsExactlyElementsOf(path);
        assertThat(v.depth()).isEqualTo(17);
        assertThat(v.broken()).isFalse();
        assertThat(v.missing()).isEmpty();
        // 8 weeklies, 15 dailies (weeks 6 and 7, and day 56), intra-dailies of days 50..56 and 10 today
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 0, 7 * 24 + 10, 15, 8, 1, 0));
        assertThat(written).hasSize(1 + 1 + 8 + 15 + 178);
        assertThat(v.usageBytes()).isEqualTo(100_000 + 5_000 + 4 * 1_000 + 200 + 10 * 10);
        assertThat(v.retentionBytes()).isEqualTo(4 * 1_000 + 14 * 200 + 168 * 10);
        assertThat(v.newestImageTime()).isEqualTo(day(57, 9, 30));
        assertThat(v.unverifiedImages()).isZero();
        assertThat(v.verificationFailed()).isFalse();
        assertThat(v.retentionUnexpected()).as("ImageManager's default retention is expected").isFalse();
        assertThat(inv.unparseableFilesTotal()).as("sidecars are silent").isZero();
    }

    @Test
    void aWeekWhoseFilesAreAllGoneBreaksTheChainWhileTheFilesAroundItPinTheGap() {
        // Cleanup turned off (every file kept), then all files of week 1 (days 7..13) deleted by hand.
        TestRepository repo = repo();
        image(repo, SRV + "C_VOL-b001.spf", 1_000, day(0, 0, 0));
        for (int d = 0; d <= 20; d++) {
            if (d / 7 == 1) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                image(repo, SRV + String.format("C_VOL-b001-i%03d.spi", 24 * d + h + 1), 10, day(d, h, 30));
            }
            image(repo, SRV + String.format("C_VOL-b001-i%03d-cd.spi", 24 * d + 1), 100, day(d + 1, 0, 45));
            if (d % 7 == 6) {
                image(repo, SRV + String.format("C_VOL-b001-i%03d-cd-cw.spi", 24 * (d - 6) + 1), 500, day(d + 1, 1, 0));
            }
        }

        Inventory.Volume v = volume(repo.inventory(), "acme/SRV01", "C_VOL", "b001");

        assertThat(v.broken()).isTrue();
        assertThat(v.missing()).containsExactly("C_VOL-b001-i169.spi..C_VOL-b001-i336.spi");
        assertThat(v.missingCount()).isEqualTo(168);
        assertThat(v.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cd-cw.spi",
                "C_VOL-b001-i337-cd-cw.spi");
        assertThat(v.depth()).isEqualTo(3);
    }

    @Test
    void aMissingWeeklyWhoseDailiesAreStillThereIsNotBroken() {
        TestRepository repo = repo();
        hourlyChain(repo, SRV, List.of("C_VOL-b001-i1009-cd-cw.spi", "C_VOL-b001-i1009-cd-cw.md5"));

        Inventory.Volume v = volume(repo.inventory(), "acme/SRV01", "C_VOL", "b001");

        assertThat(v.broken()).isFalse();
        assertThat(v.depth()).isEqualTo(17 - 1 + 7);
        assertThat(v.restorePath()).contains("C_VOL-b001-i1009-cd.spi", "C_VOL-b001-i1153-cd.spi");
    }

    @Test
    void aRollingConsolidationOfMonthliesSitsOnThePath() {
        Inventory inv = image(image(image(image(image(image(repo(),
                SRV + "D_VOL-b001.spf", 1_000, Instant.parse("2026-06-01T00:00:00Z")),
                SRV + "D_VOL-b001-i001-cd-cm.spi", 300, Instant.parse("2026-07-01T01:15:00Z")),
                SRV + "D_VOL-b001-i097-cd-cm-cr.spi", 400, Instant.parse("2026-09-01T01:30:00Z")),
                SRV + "D_VOL-b001-i289-cd-cw-cm.spi", 200, Instant.parse("2026-10-01T01:15:00Z")),
                SRV + "D_VOL-b001-i385-cd.spi", 50, Instant.parse("2026-11-25T00:45:00Z")),
                SRV + "D_VOL-b001-i409.spi", 5, Instant.parse("2026-11-25T05:30:00Z"))
                .inventory();

        Inventory.Volume v = volume(inv, "acme/SRV01", "D_VOL", "b001");
        assertThat(v.restorePath()).containsExactly("D_VOL-b001.spf", "D_VOL-b001-i001-cd-cm.spi",
                "D_VOL-b001-i097-cd-cm-cr.spi", "D_VOL-b001-i289-cd-cw-cm.spi", "D_VOL-b001-i385-cd.spi",
                "D_VOL-b001-i409.spi");
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 0, 1, 1, 0, 2, 1));
        assertThat(v.broken()).isFalse();
        assertThat(v.usageBytes()).isEqualTo(1_955);
        assertThat(v.retentionBytes()).isZero();
        assertThat(v.newestImageTime()).isEqualTo(Instant.parse("2026-11-25T05:30:00Z"));
    }

    @Test
    void theNewestDifferentialAndItsIncrementalsAreThePath() {
        Instant t = NOW.minus(Duration.ofDays(3));
        Inventory inv = image(image(image(image(image(image(image(repo(),
                SRV + "C_Vol-b001.spf", 1_000, t),
                SRV + "C_Vol-b001-i001.spi", 10, t.plus(Duration.ofHours(1))),
                SRV + "C_Vol-b001-d001-i000.spi", 100, t.plus(Duration.ofDays(1))),
                SRV + "C_Vol-b001-d001-i001.spi", 10, t.plus(Duration.ofDays(1)).plus(Duration.ofHours(1))),
                SRV + "C_Vol-b001-d002.spi", 150, t.plus(Duration.ofDays(2))),
                SRV + "C_Vol-b001-d002-i001.spi", 20, t.plus(Duration.ofDays(2)).plus(Duration.ofHours(1))),
                SRV + "C_Vol-b001-d002-i002.spi", 30, t.plus(Duration.ofDays(2)).plus(Duration.ofHours(2)))
                .inventory();

        Inventory.Volume v = volume(inv, "acme/SRV01", "C_Vol", "b001");
        assertThat(v.restorePath()).containsExactly("C_Vol-b001.spf", "C_Vol-b001-d002.spi", "C_Vol-b001-d002-i001.spi",
                "C_Vol-b001-d002-i002.spi");
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 2, 4, 0, 0, 0, 0));
        assertThat(v.usageBytes()).isEqualTo(1_200);
        assertThat(v.retentionBytes()).isEqualTo(120);
        assertThat(v.broken()).isFalse();
        assertThat(v.newestImageTime()).isEqualTo(t.plus(Duration.ofDays(2)).plus(Duration.ofHours(2)));
    }

    @Test
    void aReBasedVolumeKeepsItsOldChainAsRetentionAndMonitorsTheNewOne() {
        Instant old = NOW.minus(Duration.ofDays(40));
        Inventory inv = image(image(image(image(image(repo(),
                SRV + "C_VOL-b001.spf", 5_000, old),
                SRV + "C_VOL-b001-i001-cd-cw.spi", 700, old.plus(Duration.ofDays(7))),
                SRV + "C_VOL-b001-i169-cd.spi", 90, old.plus(Duration.ofDays(8))),
                SRV + "C_VOL-b002.spf", 6_000, NOW.minus(Duration.ofDays(2))),
                SRV + "C_VOL-b002-i001.spi", 40, NOW.minus(Duration.ofHours(1)))
                .inventory();

        Inventory.Volume b001 = volume(inv, "acme/SRV01", "C_VOL", "b001");
        Inventory.Volume b002 = volume(inv, "acme/SRV01", "C_VOL", "b002");
        assertThat(b001.current()).isFalse();
        assertThat(b001.usageBytes()).isZero();
        assertThat(b001.retentionBytes()).isEqualTo(5_790);
        assertThat(b001.broken()).isFalse();
        assertThat(b002.current()).isTrue();
        assertThat(b002.depth()).isEqualTo(2);
        assertThat(b002.usageBytes()).isEqualTo(6_040);
        assertThat(b002.newestImageTime()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void spannedPartsAddTheirBytesToTheirImageAndSidecarsAreSilent() {
        Instant t = NOW.minus(Duration.ofDays(1));
        TestRepository repo = image(image(repo(), SRV + "System Reserved_VOL-b001.spf", 1_000, t),
                SRV + "System Reserved_VOL-b001-i001.spi", 10, t.plus(Duration.ofHours(1)))
                .file(SRV + "System Reserved_VOL-b001.sp2", 1_000, t)
                .file(SRV + "System Reserved_VOL-b001.sp3", 500, t)
                .file(SRV + "System Reserved_VOL-b001.spk", 1, t)
                .file(SRV + "System Reserved_VOL-b001-i001.spwb", 1, t)
                .file(SRV + "System Reserved_VOL-b001-i001.bitmap", 1, t)
                .file(SRV + "System Reserved_VOL-b001.cr", 1, t)
                .file(SRV + "Thumbs.db", 1, t)
                .file(SRV + "desktop.ini", 1, t)
                .file("Thumbs.db", 1, t)
                .folder(SRV + "$RECYCLE.BIN")
                .folder("System Volume Information");

        Inventory inv = repo.inventory();

        Inventory.Volume v = volume(inv, "acme/SRV01", "System Reserved_VOL", "b001");
        assertThat(v.usageBytes()).isEqualTo(2_510);
        assertThat(v.depth()).isEqualTo(2);
        assertThat(inv.unparseableFilesTotal()).isZero();
        assertThat(inv.unparseableFiles()).isEmpty();
    }

    @Test
    void imagesWithoutTheirMd5AreUnverifiedAndABadLogMarksAFailedVerification() {
        Instant t = NOW.minus(Duration.ofDays(1));
        Inventory inv = image(repo(), SRV + "C_VOL-b001.spf", 1_000, t)
                .file(SRV + "C_VOL-b001-i001.spi", 10, t.plus(Duration.ofHours(1)))
                .file(SRV + "C_VOL-b001-i002.spi", 10, t.plus(Duration.ofHours(2)))
                .file(SRV + "C_VOL-b001-i002.md5", 0, t.plus(Duration.ofHours(2)))
                .file(SRV + "C_VOL-b001-i001bad.log", 200, t.plus(Duration.ofHours(3)))
                .file(SRV + "D_VOL-b001.spf", 1_000, t)
                .file(SRV + "D_VOL-b001.md5", 0, t)
                .inventory();

        Inventory.Volume c = volume(inv, "acme/SRV01", "C_VOL", "b001");
        assertThat(c.unverifiedImages()).isEqualTo(1);
        assertThat(c.verificationFailed()).isTrue();
        assertThat(c.verificationFailedTime()).isEqualTo(t.plus(Duration.ofHours(3)));
        assertThat(c.broken()).as("integrity is reported apart from the chain's shape").isFalse();
        Inventory.Volume d = volume(inv, "acme/SRV01", "D_VOL", "b001");
        assertThat(d.unverifiedImages()).isZero();
        assertThat(d.verificationFailed()).isFalse();
        assertThat(d.verificationFailedTime()).isNull();
        assertThat(inv.unparseableFilesTotal()).isZero();
    }

    @Test
    void freshnessStaysAtTheLastBackupWhileConsolidationGoesOn() {
        // Backups stopped on day 53 at 23:30; the daily of day 53 and a weekly were written afterwards.
        TestRepository repo = repo();
        image(repo, SRV + "C_VOL-b001.spf", 1_000, day(49, 0, 0));
        for (int d = 49; d <= 53; d++) {
            for (int h = 0; h < 24; h++) {
                image(repo, SRV + String.format("C_VOL-b001-i%03d.spi", 24 * (d - 49) + h + 1), 10, day(d, h, 30));
            }
            image(repo, SRV + String.format("C_VOL-b001-i%03d-cd.spi", 24 * (d - 49) + 1), 100, day(d + 1, 0, 45));
        }
        image(repo, SRV + "C_VOL-b001-i001-cd-cw.spi", 400, day(56, 1, 0));

        Inventory.Volume v = volume(repo.inventory(), "acme/SRV01", "C_VOL", "b001");
        assertThat(v.newestImageTime()).isEqualTo(day(53, 23, 30));
        assertThat(v.newestFileTime()).isEqualTo(day(56, 1, 0));
        assertThat(v.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cd-cw.spi");
        assertThat(v.broken()).isFalse();
    }

    @Test
    void freshnessWithoutTheIncrementalsIsTheFirstConsolidationOfTheNewestPoint() {
        Inventory.Volume v = volume(image(image(image(repo(),
                SRV + "C_VOL-b001.spf", 1_000, day(40, 0, 0)),
                SRV + "C_VOL-b001-i001-cd.spi", 100, day(41, 0, 45)),
                SRV + "C_VOL-b001-i001-cd-cw.spi", 400, day(47, 1, 0)).inventory(), "acme/SRV01", "C_VOL", "b001");

        assertThat(v.newestImageTime()).isEqualTo(day(41, 0, 45));
        assertThat(v.newestFileTime()).isEqualTo(day(47, 1, 0));
    }

    @Test
    void filesKeptLongerThanImageManagersDefaultsAreUnexpectedRetention() {
        TestRepository repo = repo();
        hourlyChain(repo, SRV, List.of());
        image(repo, SRV + "C_VOL-b001-i1100.spi", 10, day(45, 19, 30));

        Inventory inv = repo.inventory(Optional.empty(), new RetentionPolicy(Duration.ZERO, 0,
                RetentionPolicy.Keep.IMAGEMANAGER_DEFAULTS));

        assertThat(volume(inv, "acme/SRV01", "C_VOL", "b001").retentionReasons())
                .containsExactly("1 incremental image is kept longer than 7 days after their daily consolidation");
    }

    @Test
    void aLargeNumberOfUnparseableFilesIsCountedPerFolderAndOnlySampled() {
        TestRepository repo = repo();
        for (int i = 0; i < 150; i++) {
            repo.file(String.format("acme/SRV01/junk%03d.txt", i), 1, NOW);
        }
        repo.file("acme/SRV02/notes.txt", 1, NOW);

        Inventory inv = repo.inventory();

        assertThat(inv.unparseableFilesTotal()).isEqualTo(151);
        assertThat(inv.unparseableFiles()).hasSize(InventoryBuilder.UNPARSEABLE_SAMPLE);
        assertThat(inv.unparseableCounts()).containsExactly(new Inventory.UnparseableCount("acme/SRV01", 150),
                new Inventory.UnparseableCount("acme/SRV02", 1));
    }
}
