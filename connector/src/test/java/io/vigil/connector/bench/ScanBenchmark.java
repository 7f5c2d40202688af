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
 * How long a full rescan of a repository with {@code files} files takes. Run with
 * {@code connector/bench/scan-benchmark.sh}. Layout: customers x 4 folders x 2 volumes, each volume an
 * ImageManager chain kept with the default retention (see {@link #FILES_PER_CHAIN}), every image with its .md5.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {

    @Param({"200000"})
    public int files;

    private Path root;
    private RepositoryScanner scanner;
    private InventoryService service;
    private InventoryBuilder builder;
    private RepositoryScan scanned;

    @Setup(Level.Trial)
    public void writeRepository() throws IOException {
        root = Files.createTempDirectory("vigil-scan-bench");
        TestRepository repo = new TestRepository(root);
        Instant start = Instant.parse("2026-08-01T00:00:00Z");
        int chains = files / FILES_PER_CHAIN;
        for (int c = 0; c < chains; c++) {
            String folder = String.format("customer%03d/SRV%02d/", c / 8, (c / 2) % 4);
            String prefix = (c % 2 == 0 ? "C" : "D") + "_VOL-b001";
            image(repo, folder + prefix + ".spf", 40_000, start);
            for (int w = 0; w < 5; w++) {
                image(repo, folder + String.format("%s-i%03d-cd-cw.spi", prefix, 168 * w + 1), 2_000,
                        start.plus(Duration.ofDays(7L * w + 7)).plusSeconds(3600));
            }
            for (int d = 35; d < 50; d++) {
                image(repo, folder + String.format("%s-i%03d-cd.spi", prefix, 24 * d + 1), 300,
                        start.plus(Duration.ofDays(d + 1)).plusSeconds(2700));
            }
            for (int h = 0; h < 48; h++) {
                image(repo, folder + String.format("%s-i%03d.spi", prefix, 24 * 48 + h + 1), 10,
                        start.plus(Duration.ofDays(48)).plus(Duration.ofHours(h)).plusSeconds(1800));
            }
        }
        scanner = new RepositoryScanner(root, new ImageNames());
        builder = new InventoryBuilder(new Inventory.Connector("bench", "bench"), new ChainAnalyzer(ZoneOffset.UTC),
                new RetentionPolicy(Duration.ofDays(7), 0, RetentionPolicy.Keep.IMAGEMANAGER_DEFAULTS), Optional.empty());
        scanned = scanner.scan();
        service = new InventoryService(scanner, builder,
                Clock.fixed(start.plus(Duration.ofDays(50)), ZoneOffset.UTC), Duration.ZERO, Duration.ZERO,
                SpaceProbe.fileStore());
        Snapshot first = service.rescan();
        long broken = first.inventory().folders().stream().flatMap(f -> f.volumes().stream())
                .filter(Inventory.Volume::broken).count();
        System.out.printf("%n%d files (%d chains, each %d images and their .md5), inventory body %d bytes, "
                + "%d broken chains, %d unparseable files%n", chains * FILES_PER_CHAIN, chains, FILES_PER_CHAIN / 2,
                first.body().length, broken, first.inventory().unparseableFilesTotal());
    }

    /** A base, 5 weeklies, 15 dailies and 48 hourly incrementals, each with its .md5. */
    private static final int FILES_PER_CHAIN = 2 * (1 + 5 + 15 + 48);

    private static void image(TestRepository repo, String name, long bytes, Instant time) {
        repo.file(name, bytes, time).file(name.substring(0, name.lastIndexOf('.')) + ".md5", 0, time);
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

    /** Chain analysis, retention rules and the document, from a scan already made (no file system). */
    @Benchmark
    public InventoryBuilder.Analysis analyse() {
        return builder.analyse(root.toString(), scanned, 0, 0, Instant.parse("2026-09-20T00:00:00Z"));
    }

    /** What a due rescan costs: walk, chain analysis, retention rules, JSON, SHA-256 ETag. */
    @Benchmark
    public Snapshot fullRescan() {
        return service.rescan();
    }
}
