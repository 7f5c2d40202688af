package io.vigil.connector.inventory;

import static io.vigil.connector.testsupport.TestRepository.NOW;
import static io.vigil.connector.testsupport.TestRepository.folder;
import static io.vigil.connector.testsupport.TestRepository.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connector.chain.ImageCounts;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.ManagedList;
import io.vigil.connector.scan.Unparseable;
import io.vigil.connector.testsupport.TestRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end over real files: scan, chain analysis and the inventory document, with exact numbers. */
class RepositoryScenariosTest {

    private static final String SRV = "acme/SRV01/";

    @TempDir
    Path root;

    private TestRepository repo() {
        return new TestRepository(root);
    }

    private static Instant hoursAgo(long hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    @Test
    void baseOnlyChainHasDepthOneAndAllBytesAsUsage() {
        Inventory inv = repo().file(SRV + "C_VOL-b001.spf", 1000, hoursAgo(5)).inventory();

        Inventory.Volume v = volume(inv, "acme/SRV01", "C_VOL", "b001");
        assertThat(v.depth()).isEqualTo(1);
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 0, 0, 0, 0, 0, 0));
        assertThat(v.usageBytes()).isEqualTo(1000);
        assertThat(v.retentionBytes()).isZero();
        assertThat(v.broken()).isFalse();
        assertThat(v.missing()).isEmpty();
        assertThat(v.restorePath()).containsExactly("C_VOL-b001.spf");
        assertThat(v.newestImageTime()).isEqualTo(hoursAgo(5));
        assertThat(v.restorePoints()).isEqualTo(1);
        assertThat(v.current()).isTrue();
    }

    @Test
    void longIncrementalRunIsRestoredThroughEveryIncremental() {
        TestRepository repo = repo().file(SRV + "C_VOL-b001.spf", 1000, hoursAgo(60));
        for (int i = 1; i <= 50; i++) {
            repo.file(SRV + String.format("C_VOL-b001-i%03d.spi", i), 10, hoursAgo(60 - i));
        }

        Inventory.Volume v = volume(repo.inventory(), "acme/SRV01", "C_VOL", "b001");
        assertThat(v.depth()).isEqualTo(51);
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 0, 50, 0, 0, 0, 0));
        assertThat(v.usageBytes()).isEqualTo(1500);
        assertThat(v.retentionBytes()).isZero();
        assertThat(v.broken()).isFalse();
        assertThat(v.restorePath()).hasSize(51).startsWith("C_VOL-b001.spf", "C_VOL-b001-i001.spi")
                .endsWith("C_VOL-b001-i050.spi");
        assertThat(v.newestImageTime()).isEqualTo(hoursAgo(10));
        assertThat(v.restorePoints()).isEqualTo(51);
    }

    @Test
    void missingMiddleIncrementalBreaksTheChainAndIsNamed() {
        Inventory inv = repo()
                .file(SRV + "C_VOL-b001.spf", 1000, hoursAgo(10))
                .file(SRV + "C_VOL-b001-i001.spi", 10, hoursAgo(9))
                .file(SRV + "C_VOL-b001-i002.spi", 10, hoursAgo(8))
                .file(SRV + "C_VOL-b001-i004.spi", 10, hoursAgo(6))
                .inventory();

        Inventory.Volume v = volume(inv, "acme/SRV01", "C_VOL", "b001");
        assertThat(v.broken()).isTrue();
        assertThat(v.missing()).containsExactly("C_VOL-b001-i003.spi");
        assertThat(v.missingCount()).isEqualTo(1);
        assertThat(v.depth()).isEqualTo(4);
        assertThat(v.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001.spi",
                "C_VOL-b001-i002.spi", "C_VOL-b001-i004.spi");
        assertThat(v.usageBytes()).isEqualTo(1030);
        assertThat(v.retentionBytes()).isZero();
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 0, 3, 0, 0, 0, 0));
    }

    @Test
    void missingBaseBreaksTheChain() {
        Inventory inv = repo()
                .file(SRV + "C_VOL-b002-i001.spi", 10, hoursAgo(9))
                .file(SRV + "C_VOL-b002-i002.spi", 20, hoursAgo(8))
                .inventory();

        Inventory.Volume v = volume(inv, "acme/SRV01", "C_VOL", "b002");
        assertThat(v.broken()).isTrue();
        assertThat(v.missing()).containsExactly("C_VOL-b002.spf");
        assertThat(v.depth()).isEqualTo(2);
        assertThat(v.usageBytes()).isEqualTo(30);
        assertThat(v.images()).isEqualTo(new ImageCounts(0, 0, 2, 0, 0, 0, 0));
    }

    @Test
    void unparseableNamesAreReportedAndTheRestIsStillScanned() {
        Inventory inv = repo()
                .file(SRV + "C_VOL-b001.spf", 1000, hoursAgo(10))
                .file(SRV + "junk.txt", 3, hoursAgo(10))
                .file(SRV + "C_VOL-i001.spi", 3, hoursAgo(10))
                .file(SRV + "C_VOL-b001.spi", 3, hoursAgo(10))
                .file(SRV + "C_VOL-b001-i005-i002-cd.spi", 3, hoursAgo(10))
                .file(SRV + "C_VOL-b001.md5", 0, hoursAgo(10))
                .file(SRV + "Thumbs.db", 0, hoursAgo(10))
                .file("desktop.ini", 0, hoursAgo(10))
                .folder("$RECYCLE.BIN/S-1-5-21")
                .folder("System Volume Information")
                .file(SRV + "C_VOL-b001-i001.spf", 3, hoursAgo(10))
                .file(SRV + "C_VOL-b001-i000.spi", 3, hoursAgo(10))
                .file("stray.spf", 3, hoursAgo(10))
                .file("acme/list.csv", 3, hoursAgo(10))
                .folder(SRV + "nested")
                .inventory();

        assertThat(inv.unparseableFiles()).extracting(Unparseable::path).containsExactly(
                "acme/SRV01/C_VOL-b001-i000.spi",
                "acme/SRV01/C_VOL-b001-i001.spf",
                "acme/SRV01/C_VOL-b001-i005-i002-cd.spi",
                "acme/SRV01/C_VOL-b001.spi",
                "acme/SRV01/C_VOL-i001.spi",
                "acme/SRV01/junk.txt",
                "acme/SRV01/nested/",
                "acme/list.csv",
                "stray.spf");
        assertThat(inv.unparseableFiles()).extracting(Unparseable::reason).containsExactly(
                "-d000/-i000 alone name no image: a differential is -dNNN, an incremental -iNNN (NNN >= 1)",
                "a .spf file is a base image, named VOLUME-bNNN.spf",
                "not an image name: expected VOLUME-bNNN.spf, or VOLUME-bNNN[-dNNN][-iNNN][-cd|-cw|-cm|-cr...].spi",
                "a base image ends in .spf; a .spi file needs -dNNN or -iNNN",
                "not an image name: expected VOLUME-bNNN.spf, or VOLUME-bNNN[-dNNN][-iNNN][-cd|-cw|-cm|-cr...].spi",
                "not an image file: expected VOLUME-bNNN.spf, or VOLUME-bNNN[-dNNN][-iNNN][-cd|-cw|-cm|-cr...].spi, "
                        + "or a sidecar (.md5, .spk, .spwb, .bitmap, .sp2...)",
                "sub-folders of a managed folder are not scanned",
                "not inside a folder of the template ROOT/CUSTOMER/FOLDER",
                "not inside a folder of the template ROOT/CUSTOMER/FOLDER");
        assertThat(inv.unparseableFilesTotal()).isEqualTo(9);
        assertThat(inv.unparseableCounts()).containsExactly(new Inventory.UnparseableCount("", 1),
                new Inventory.UnparseableCount("acme", 1), new Inventory.UnparseableCount("acme/SRV01", 7));
        Inventory.Volume v = volume(inv, "acme/SRV01", "C_VOL", "b001");
        assertThat(v.depth()).isEqualTo(1);
        assertThat(v.usageBytes()).isEqualTo(1000);
        assertThat(inv.repository().imageBytes()).isEqualTo(1000);
    }

    @Test
    void emptyFolderIsListedWithNoVolumes() {
        Inventory inv = repo().folder("acme/EMPTY").inventory();

        assertThat(inv.folders()).containsExactly(new Inventory.Folder("acme", "EMPTY", true, List.of()));
        assertThat(inv.unparseableFiles()).isEmpty();
        assertThat(inv.repository()).isEqualTo(new Inventory.Repository(root.toString(), 10_000, 4_000, 0));
    }

    @Test
    void olderChainOfAVolumeIsAllRetentionAndTheNewestChainIsCurrent() {
        Inventory inv = repo()
                .file(SRV + "C_VOL-b001.spf", 1000, hoursAgo(720))
                .file(SRV + "C_VOL-b001-i001.spi", 10, hoursAgo(700))
                .file(SRV + "C_VOL-b001-i002.spi", 10, hoursAgo(690))
                .file(SRV + "C_VOL-b002.spf", 2000, hoursAgo(48))
                .file(SRV + "C_VOL-b002-i001.spi", 20, hoursAgo(24))
                .file(SRV + "D_VOL-b001.spf", 500, hoursAgo(30))
                .inventory();

        assertThat(folder(inv, "acme/SRV01").volumes())
                .extracting(v -> v.volume() + "-" + v.base())
                .containsExactly("C_VOL-b001", "C_VOL-b002", "D_VOL-b001");
        Inventory.Volume old = volume(inv, "acme/SRV01", "C_VOL", "b001");
        assertThat(old.current()).isFalse();
        assertThat(old.depth()).isEqualTo(3);
        assertThat(old.usageBytes()).isZero();
        assertThat(old.retentionBytes()).isEqualTo(1020);
        assertThat(old.images()).isEqualTo(new ImageCounts(1, 0, 2, 0, 0, 0, 0));
        Inventory.Volume current = volume(inv, "acme/SRV01", "C_VOL", "b002");
        assertThat(current.current()).isTrue();
        assertThat(current.depth()).isEqualTo(2);
        assertThat(current.usageBytes()).isEqualTo(2020);
        assertThat(current.retentionBytes()).isZero();
        assertThat(current.newestImageTime()).isEqualTo(hoursAgo(24));
        Inventory.Volume d = volume(inv, "acme/SRV01", "D_VOL", "b001");
        assertThat(d.current()).isTrue();
        assertThat(d.usageBytes()).isEqualTo(500);
    }

    @Test
    void foldersMissingFromTheManagedListAreUnmanaged() {
        ManagedList managed = new ManagedList(Set.of(new FolderRef("acme", "SRV01"), new FolderRef("globex", "GONE")));
        Inventory inv = repo()
                .file(SRV + "C_VOL-b001.spf", 1000, hoursAgo(10))
                .file("acme/OLD-SRV/C_VOL-b001.spf", 700, hoursAgo(5000))
                .folder("globex/FS01")
                .inventory(Optional.of(managed), RetentionPolicy.NONE);

        assertThat(inv.unmanagedFolders()).containsExactly(
                new Inventory.FolderName("acme", "OLD-SRV"), new Inventory.FolderName("globex", "FS01"));
        assertThat(inv.missingManagedFolders()).containsExactly(new Inventory.FolderName("globex", "GONE"));
        assertThat(inv.folders()).extracting(f -> f.customer() + "/" + f.folder() + "=" + f.managed())
                .containsExactly("acme/OLD-SRV=false", "acme/SRV01=true", "globex/FS01=false");
        assertThat(volume(inv, "acme/OLD-SRV", "C_VOL", "b001").usageBytes()).isEqualTo(700);
    }

    @Test
    void withoutAManagedListEveryFolderIsManaged() {
        Inventory inv = repo().folder("acme/SRV01").folder("acme/OLD-SRV").inventory();

        assertThat(inv.unmanagedFolders()).isEmpty();
        assertThat(inv.missingManagedFolders()).isEmpty();
        assertThat(inv.folders()).allMatch(Inventory.Folder::managed);
    }

    @Test
    void staleUnconsolidatedIncrementalsAndTooManyRestorePointsAreUnexpectedRetention() {
        TestRepository repo = repo().file(SRV + "C_VOL-b001.spf", 1000, NOW.minus(Duration.ofDays(11)));
        for (int i = 1; i <= 10; i++) {
            repo.file(SRV + String.format("C_VOL-b001-i%03d.spi", i), 10, NOW.minus(Duration.ofDays(11 - i)));
        }
        repo.file(SRV + "C_VOL-b001-i001-cd.spi", 15, NOW.minus(Duration.ofDays(8)));
        repo.file("acme/SRV02/C_VOL-b001.spf", 1000, NOW.minus(Duration.ofDays(30)));
        repo.file("acme/SRV02/C_VOL-b001-i001.spi", 10, NOW.minus(Duration.ofDays(1)));

        Inventory inv = repo.inventory(Optional.empty(), new RetentionPolicy(Duration.ofDays(7), 5));

        Inventory.Volume v = volume(inv, "acme/SRV01", "C_VOL", "b001");
        assertThat(v.retentionUnexpected()).isTrue();
        assertThat(v.retentionReasons()).containsExactly(
                "2 incremental images are older than 7 days and not consolidated "
                        + "(oldest C_VOL-b001-i002.spi from 2026-11-16T10:00:00Z)",
                "11 restore points exceed the maximum of 5");
        assertThat(v.depth()).isEqualTo(11);
        // the daily and i001 both cover point 1: the smaller file is on the path
        assertThat(v.usageBytes()).isEqualTo(1000 + 10 + 90);
        assertThat(v.retentionBytes()).isEqualTo(15);
        Inventory.Volume fine = volume(inv, "acme/SRV02", "C_VOL", "b001");
        assertThat(fine.retentionUnexpected()).isFalse();
        assertThat(fine.retentionReasons()).isEmpty();
    }
}
