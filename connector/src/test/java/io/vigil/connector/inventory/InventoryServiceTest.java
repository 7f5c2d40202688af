package io.vigil.connector.inventory;

import static io.vigil.connector.testsupport.TestRepository.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.RepositoryScanner;
import io.vigil.connector.testsupport.MutableClock;
import io.vigil.connector.testsupport.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryServiceTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(NOW);
    private TestRepository repo;
    private InventoryService service;

    @BeforeEach
    void setUp() {
        repo = new TestRepository(root).file("acme/SRV01/C_VOL-b001.spf", 1000, NOW.minusSeconds(3600));
        service = new InventoryService(new RepositoryScanner(root, new ImageNames()),
                new InventoryBuilder(new Inventory.Connector("img01", "test"), new ChainAnalyzer(),
                        RetentionPolicy.NONE, Optional.empty()),
                clock, Duration.ofSeconds(60), Duration.ofSeconds(5), path -> new SpaceProbe.Space(100, 50));
    }

    @Test
    void servesTheCachedSnapshotUntilARescanIsDue() throws Exception {
        Snapshot first = service.current();
        repo.file("acme/SRV01/C_VOL-b001.spf", 2000, NOW.minusSeconds(3600)); // rewritten in place: no folder change

        clock.advance(Duration.ofSeconds(59));
        assertThat(service.current()).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));
        Snapshot second = service.current();
        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThat(second.inventory().folders().get(0).volumes().get(0).usageBytes()).isEqualTo(2000);
    }

    @Test
    void rescanThatFindsTheSameContentKeepsBodyAndEtag() {
        Snapshot first = service.current();
        clock.advance(Duration.ofMinutes(5));

        Snapshot second = service.current();

        assertThat(second.body()).isSameAs(first.body());
        assertThat(second.etag()).isEqualTo(first.etag());
        assertThat(second.inventory().scannedAt()).isEqualTo(NOW);
        assertThat(second.lastScan()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aChangedFolderTreeTriggersARescanBeforeTheIntervalOnceTheChangeCheckIsDue() throws Exception {
        Snapshot first = service.current();
        repo.file("acme/SRV01/C_VOL-b001-i001.spi", 10, NOW);
        Files.setLastModifiedTime(root.resolve("acme/SRV01"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(service.current()).isSameAs(first);
        clock.advance(Duration.ofSeconds(5));
        Snapshot second = service.current();

        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThat(second.inventory().folders().get(0).volumes().get(0).depth()).isEqualTo(2);
    }

    @Test
    void etagIsAStrongTagOverTheBody() {
        Snapshot snapshot = service.current();

        assertThat(snapshot.etag()).matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(snapshot.etag()).isEqualTo(Snapshot.etag(snapshot.body()));
    }
}
