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

        // NOW is 10:00: today's incrementals at 02:00, 06:00 and 10:00 exist; 4 weeklies, 1 daily, base.
        assertThat(v.images()).isEqualTo(new ImageCounts(1, 3, 1, 4, 0));
        assertThat(v.depth()).isEqualTo(9);
        assertThat(v.broken()).isFalse();
        assertThat(v.retentionBytes()).isZero();
        assertThat(v.newestImageTime()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void demoShowsABrokenChainAnOldChainAndUnexpectedRetention() throws Exception {
        Inventory inv = writeAndScan();

        assertThat(volume(inv, "acme/SRV01", "D_VOL", "b001").missing()).containsExactly("D_VOL-b001-i007.spi");
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b001").current()).isFalse();
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b001").retentionBytes()).isEqualTo(61_440 + 9_000);
        assertThat(volume(inv, "acme/SRV02", "C_VOL", "b002").current()).isTrue();
        assertThat(volume(inv, "globex/FS01", "E_VOL", "b001").retentionReasons()).hasSize(2);
        assertThat(volume(inv, "acme/OLD-SRV", "C_VOL", "b001").retentionUnexpected()).isTrue();
        assertThat(volume(inv, "acme/SRV01", "C_VOL", "b001").retentionUnexpected()).isFalse();
    }
}
