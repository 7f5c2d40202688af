package io.vigil.bench.jmh;

import io.vigil.bench.FleetModel;
import io.vigil.config.EntityLimits;
import io.vigil.config.VigilConfig;
import io.vigil.model.Report;
import io.vigil.state.Fleet;
import io.vigil.state.Outcome;
import io.vigil.state.Recorder;
import io.vigil.store.SqliteStore;
import io.vigil.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The durable write path without HTTP: {@link Recorder} on a {@link SqliteStore} in a temp directory
 * (WAL, synchronous=FULL), every call waiting for its commit. Each report is a new run of a job of a
 * 20,000-job fleet or a heartbeat of one of its 10,000 devices, so every one inserts a run and/or
 * rewrites a state row. Scores are per report (event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecorderBenchmark {
  private static final int BATCH = 500;

  private final FleetModel fleet = new FleetModel(10, 2000, 20_000, 10_000);
  /** The standard entity limits, checked on every call as pushes are; the fleet (2,000 jobs per tenant) stays within them. */
  private final Function<String, EntityLimits> limits = new VigilConfig(null, null, null, null, null, null)::entityLimitsFor;
  private final Instant now = Instant.now();
  private final AtomicLong next = new AtomicLong();
  private Path dir;
  private Store store;
  private Recorder recorder;

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("vigil-jmh-store-");
    store = SqliteStore.open(dir);
    recorder = new Recorder(store, Fleet.of(store.load()), Clock.systemUTC(), 10_000, Duration.ofSeconds(30));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    recorder.close();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One event per call from 32 threads, as single pushes arrive: the group commit batches them. */
  @Benchmark
  @Threads(32)
  public Outcome single() {
    return recorder.record(List.of(report(next.getAndIncrement())), limits).await();
  }

  /** Batches of 500 events (job reports and heartbeats, 2:1) from 4 threads, as /api/v1/batch requests arrive. */
  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Outcome batchOf500() {
    long first = next.getAndAdd(BATCH);
    List<Report> reports = new ArrayList<>(BATCH);
    for (long i = first; i < first + BATCH; i++) {
      reports.add(report(i));
    }
    return recorder.record(reports, limits).await();
  }

  /** Event {@code i}: two job runs, then a heartbeat, cycling through the fleet; each cycle is a new round of runs. */
  private Report report(long i) {
    long k = i / 3;
    if (i % 3 == 2) {
      return HotPathState.heartbeat(fleet, (int) (k % fleet.devices()), now);
    }
    long j = (2 * k + i % 3);
    return HotPathState.jobRun(fleet, (int) (j % fleet.jobs()), (int) (1 + j / fleet.jobs()), now);
  }
}
