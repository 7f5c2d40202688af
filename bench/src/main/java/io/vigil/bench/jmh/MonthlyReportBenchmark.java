package io.vigil.bench.jmh;

import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.history.NightlyHistory;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.Report;
import io.vigil.poll.ConnectorStates;
import io.vigil.report.DigestBuilder;
import io.vigil.report.MonthlyBuilder;
import io.vigil.report.MonthlyRenderer;
import io.vigil.report.MonthlyReport;
import io.vigil.report.PdfRenderer;
import io.vigil.report.ReportPace;
import io.vigil.report.ReportQueue;
import io.vigil.report.Reports;
import io.vigil.state.Fleet;
import io.vigil.state.Recorder;
import io.vigil.store.SqliteStore;
import io.vigil.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The monthly report of a customer with 50 jobs (10 devices of 5 jobs, a run each night of November, one in 20 failed,
 * one in 13 with warnings), from a SQLite store on disk as the exporter reads it: the model (nightly history, run
 * history, read models), its HTML, and its PDF. The bar: well under a second for the whole report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MonthlyReportBenchmark {
  private static final YearMonth MONTH = YearMonth.of(2026, 11);
  private static final String CUSTOMER = "Customer 000042 Ltd";
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  private final VigilConfig config = new VigilConfig(null, null, null, null, null,
      List.of(new TenantConfig("acme", "ACME MSP", 172_800L, null, List.of())));
  private Path dir;
  private Store store;
  private Recorder recorder;
  private Reports reports;
  private MonthlyReport report;

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("vigil-jmh-report-");
    store = SqliteStore.open(dir);
    Fleet fleet = Fleet.of(store.load());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    recorder = new Recorder(store, fleet, clock, 10_000, Duration.ofSeconds(30));
    List<Report> runs = new ArrayList<>();
    int n = 0;
    for (int device = 0; device < 10; device++) {
      for (int job = 0; job < 5; job++) {
        JobKey key = new JobKey("acme", CUSTOMER, "srv" + device, "job" + job);
        for (LocalDate day = MONTH.atDay(1); !day.isAfter(MONTH.atEndOfMonth()); day = day.plusDays(1)) {
          Instant end = day.atTime(22, 0).toInstant(ZoneOffset.UTC).plusSeconds(60L * (device * 5 + job));
          JobResult result = n % 20 == 0 ? JobResult.FAILED : n % 13 == 0 ? JobResult.WARNING : JobResult.SUCCESS;
          runs.add(new JobRun(key, "r" + n++, result, end.minusSeconds(1800), end, (1L << 30) + n * 1_000_000L, 1000, 0, 0,
              result == JobResult.SUCCESS ? "Completed" : "Destination unreachable: \\\\nas01\\backups", null, "ImageBackup 8.1"));
        }
      }
    }
    recorder.record(runs, config::entityLimitsFor).await();
    ConnectorStates connectors = new ConnectorStates();
    reports = new Reports(() -> config, clock, new DigestBuilder(fleet, connectors, store),
        new MonthlyBuilder(new NightlyHistory(store::runs, fleet, () -> config, clock), store, fleet, connectors), new PdfRenderer()::render, new ReportQueue(1),
        new ReportPace(() -> 1.0));
    report = reports.monthly("acme", CUSTOMER, MONTH);
    if (report.jobs().size() != 50) {
      throw new IllegalStateException("the report has " + report.jobs().size() + " jobs, not 50");
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    recorder.close();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The report's model: the nightly grid and rates, the month's runs, devices and chains. */
  @Benchmark
  public MonthlyReport model() throws Exception {
    return reports.monthly("acme", CUSTOMER, MONTH);
  }

  @Benchmark
  public String html() {
    return MonthlyRenderer.html(report);
  }

  /** What GET .../reports/monthly?format=pdf does: the model, its HTML and the PDF. */
  @Benchmark
  public byte[] wholePdf() throws Exception {
    return reports.pdf(reports.monthly("acme", CUSTOMER, MONTH));
  }
}
