package io.vigil.bench.jmh;

import io.vigil.bench.FleetModel;
import io.vigil.config.Limits;
import io.vigil.model.Report;
import io.vigil.push.PushKind;
import io.vigil.push.PushParser;
import io.vigil.push.PushRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Parse and validate: one job report, and a batch of 500 items (job reports and heartbeats) as the load generator sends it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PushParserBenchmark {
  private final PushParser parser = new PushParser(Limits::standard, Clock.systemUTC());
  private byte[] jobReport;
  private byte[] batch;

  @Setup
  public void setUp() {
    FleetModel fleet = new FleetModel(1, 100, 1000, 500);
    long now = Instant.now().getEpochSecond();
    jobReport = fleet.jobReport(7, 1, now, false).getBytes(StandardCharsets.UTF_8);
    FleetModel.Batch first = fleet.batches(500, 1, now).get(0);
    if (first.items() != 500) {
      throw new IllegalStateException("expected a full batch");
    }
    batch = first.body().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public List<Report> jobReport() throws PushRejected {
    return parser.parse(PushKind.JOB_REPORT, "t000", jobReport);
  }

  @Benchmark
  public List<Report> batchOf500() throws PushRejected {
    return parser.parse(PushKind.BATCH, "t000", batch);
  }
}
