package io.vigil.connector.bench;

import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.inventory.InventoryService;
import io.vigil.connector.inventory.SpaceProbe;
import io.vigil.connector.inventory.Snapshot;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.RepositoryScan;
import io.vigil.connector.scan.RepositoryScanner;
import io.vigil.connector.testsupport.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a full rescan of a repository with {@code files} image files takes. Run with
 * {@code connector/bench/scan-benchmark.sh}. Layout: customers x 4 folders x 2 volumes x 25 files
 * (a base and 24 incrementals, the last 24 consolidated into a daily every other chain).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {

    @Param({"10000"})
    public int files;

    private Path root;
    private RepositoryScanner scanner;
    private InventoryService service;

    @Setup(Level.Trial)
    public void writeRepository() throws IOException {
        root = Files.createTempDirectory("vigil-scan-bench");
        TestRepository repo = new TestRepository(root);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        int chains = files / 25;
        for (int c = 0; c < chains; c++) {
            String folder = String.format("customer%03d/SRV%02d/", c / 8, (c / 2) % 4);
            String volume = (c % 2 == 0 ? "C" : "D") + "_VOL-b001";
            repo.file(folder + volume + ".spf", 40_000, start);
            for (int i = 1; i <= 24; i++) {
                String name = c % 4 == 0 && i == 24 ? volume + "-i001-i024-cd.spi" : String.format("%s-i%03d.spi", volume, i);
                repo.file(folder + name, 100, start.plus(Duration.ofHours(i)));
            }
        }
        scanner = new RepositoryScanner(root, new ImageNames());
        service = new InventoryService(scanner,
                new InventoryBuilder(new Inventory.Connector("bench", "bench"), new ChainAnalyzer(),
                        new RetentionPolicy(Duration.ofDays(7), 30), Optional.empty()),
                Clock.fixed(start.plus(Duration.ofDays(30)), ZoneOffset.UTC), Duration.ZERO, Duration.ZERO,
                SpaceProbe.fileStore());
    }

    @TearDown(Level.Trial)
    public void deleteRepository() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Walking the tree and reading names only. */
    @Benchmark
    public RepositoryScan walkAndParse() {
        return scanner.scan();
    }

    /** What a due rescan costs: walk, chain analysis, retention rules, JSON, SHA-256 ETag. */
    @Benchmark
    public Snapshot fullRescan() {
        return service.rescan();
    }
}
