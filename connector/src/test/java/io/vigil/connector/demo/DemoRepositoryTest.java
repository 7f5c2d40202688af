package io.vigil.connector.demo;

import static io.vigil.connector.testsupport.TestRepository.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connector.chain.ImageCounts;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.scan.Unparseable;
import io.vigil.connector.testsupport.TestRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRepositoryTest {

    @TempDir
    Path root;

    private Inventory writeAndScan() throws Exception {
        new DemoRepository(Clock.fixed(TestRepository.NOW, ZoneOffset.UTC), 1).write(root);
        return new TestRepository(root).inventory(Optional.of(DemoRepository.MANAGED), DemoRepository.POLICY);
    }

    @Test
    void writesEveryFolderOfTheDemo() throws Exception {
        Inventory inv = writeAndScan();

        assertThat(inv.folders()).extracting(f -> new io.vigil.connector.scan.FolderRef(f.customer(), f.folder()))
                .containsExactlyElementsOf(DemoRepository.folders());
        assertThat(inv.unmanagedFolders()).containsExactly(new Inventory.FolderName("acme", "OLD-SRV"));
        assertThat(inv.missingManagedFolders()).containsExactly(new Inventory.FolderName("globex", "GONE"));
        assertThat(inv.unparseableFiles()).extracting(Unparseable::path)
                .containsExactly("globex/FS01/E_VOL-b001-i010-i005-cd.spi", "globex/FS01/notes.txt");
    }

    @Test
    void consolidatedChainUsesWeekliesDailiesAndTodaysIncrementals() throws Exception {
        Inventory.Volume v = volume(writeAndScan(), "acme/SRV01", "C_VOL", "b001");

        // NOW is 10:00: today's incrementals at 02:00, 06:00 and 10:00; yesterday's daily, 4 weeklies, the base.
        // Kept as ImageManager keeps them: intra-dailies of the last 7 dailies (days 22..28), dailies of the last
        // two weeklies and of yesterday.
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 0, 7 * 6 + 3, 15, 4, 0, 0));
        assertThat(v.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cd-cw.spi",
                "C_VOL-b001-i043-cd-cw.spi", "C_VOL-b001-i085-cd-cw.spi", "C_VOL-b001-i127-cd-cw.spi",
                "C_VOL-b001-i169-cd.spi", "C_VOL-b001-i175.spi", "C_VOL-b001-i176.spi", "C_VOL-b001-i177.spi");
        assertThat(v.broken()).isFalse();
        assertThat(v.retentionBytes()).isPositive();
        assertThat(v.unverifiedImages()).isZero();
        assertThat(v.newestImageTime()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void theDemoIsWrittenInTheFirstHoursOfADayBeforeItsFirstIncremental() throws Exception {
        // The demo failed to start between 00:00 and 02:00 UTC: it removed the .md5 of an image not yet written.
        for (String time : List.of("2026-12-01T00:10:00Z", "2026-12-01T00:45:00Z", "2026-12-01T01:59:59Z")) {
            Path dir = root.resolve(time.replace(':', '-'));
            new DemoRepository(Clock.fixed(Instant.parse(time), ZoneOffset.UTC), 1).write(dir);
            Inventory inv = new TestRepository(dir).inventory(Optional.of(DemoRepository.MANAGED), DemoRepository.POLICY);
            assertThat(volume(inv, "acme/SRV02", "C_VOL", "b002").unverifiedImages()).as(time).isEqualTo(1);
        }
    }

    @Test
    void demoShowsABrokenChainAnOldChainAndUnexpectedRetention() throws Exception {
        Inventory inv = writeAndScan();

        assertThat(volume(inv, "acme/SRV01", "D_VOL", "b001").missing()).containsExactly("D_VOL-b001-i007.spi");
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b001").current()).isFalse();
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b001").retentionBytes()).isEqualTo(61_440 + 9_000);
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b002").current()).isTrue();
        assertThat(volume(inv, "globex/FS01", "E_VOL", "b001").retentionReasons()).hasSize(1);
        assertThat(volume(inv, "globex/FS01", "E_VOL", "b001").verificationFailed()).isTrue();
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b002").unverifiedImages()).isEqualTo(1);
        assertThat(volume(inv, "acme/SRV01", "System Reserved_VOL", "b001").broken()).isFalse();
        assertThat(volume(inv, "acme/OLD-SRV", "C_VOL", "b001").retentionUnexpected()).isTrue();
        assertThat(volume(inv, "acme/SRV01", "C_VOL", "b001").retentionUnexpected()).isFalse();
    }
}
