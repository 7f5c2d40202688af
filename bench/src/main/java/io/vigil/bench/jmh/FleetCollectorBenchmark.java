package io.vigil.bench.jmh;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.bench.FleetModel;
import io.vigil.config.LiveConfig;
import io.vigil.metrics.FleetCollector;
import io.vigil.metrics.FleetExposition;
import io.vigil.state.Fleet;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A scrape without HTTP, for N jobs (and N/2 devices): FleetCollector.collect(), then client_java's text
 * writer into a byte counter; and FleetExposition writing the same text directly, as /metrics does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FleetCollectorBenchmark {
  @Param({"1000", "10000"})
  public int jobs;

  private FleetCollector collector;
  private FleetExposition exposition;
  private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();

  @Setup
  public void setUp() throws Exception {
    FleetModel fleet = HotPathState.scaled(jobs);
    Instant now = Instant.now();
    Fleet state = Fleet.of(HotPathState.snapshot(fleet, now));
    LiveConfig config = new LiveConfig(HotPathState.config(fleet), null);
    collector = new FleetCollector(state, config, Clock.fixed(now, ZoneOffset.UTC), null);
    exposition = new FleetExposition(state, config, Clock.fixed(now, ZoneOffset.UTC), null);
  }

  @Benchmark
  public MetricSnapshots collect() {
    return collector.collect();
  }

  @Benchmark
  public long collectAndWriteText() throws IOException {
    return CountingOutputStream.bytesOf(out -> text.write(out, collector.collect()));
  }

  @Benchmark
  public long writeTextDirectly() throws IOException {
    return CountingOutputStream.bytesOf(out -> exposition.write(out, FleetExposition.Format.TEXT));
  }
}
