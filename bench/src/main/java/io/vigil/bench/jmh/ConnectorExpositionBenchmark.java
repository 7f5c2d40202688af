package io.vigil.bench.jmh;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.bench.ChainModel;
import io.vigil.bench.FleetModel;
import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import io.vigil.connector.inventory.Snapshot;
import io.vigil.metrics.ConnectorCollector;
import io.vigil.metrics.ConnectorExposition;
import io.vigil.metrics.FleetExposition.Format;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.Fetch;
import io.vigil.poll.InventoryParser;
import io.vigil.poll.PollResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
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
 * The connector part of a scrape without HTTP, for the bench's connectors (default 20) with N chains, their
 * inventories built by the connector module and parsed by the exporter as a poll would: ConnectorCollector's
 * snapshots through client_java's writer (with the JVM families, as /metrics had them), and ConnectorExposition
 * writing the same bytes directly with client_java writing the JVM families in among them, as /metrics does now.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConnectorExpositionBenchmark {
  @Param({"10000"})
  public int chains;

  @Param({"20"})
  public int connectors;

  @Param({"TEXT", "OPENMETRICS"})
  public Format format;

  private final PrometheusRegistry jvm = new PrometheusRegistry();
  private final PrometheusRegistry jvmAndChains = new PrometheusRegistry();
  private ConnectorExposition exposition;
  private ExpositionFormatWriter writer;

  @Setup
  public void setUp() throws Exception {
    FleetModel fleet = new FleetModel(10, 10_000, 100_000, 50_000);
    ChainModel model = new ChainModel(fleet, connectors, chains);
    Path file = Files.createTempFile("vigil-jmh-", ".yml");
    LiveConfig config;
    try {
      Files.writeString(file, fleet.configYaml(t -> model.connectorsYaml(t, k -> "http://127.0.0.1:1", 30)));
      config = new LiveConfig(new ConfigLoader().load(file), null);
    } finally {
      Files.delete(file);
    }
    Instant now = Instant.now();
    ConnectorStates states = new ConnectorStates();
    for (int k = 0; k < connectors; k++) {
      Snapshot served = Snapshot.of(model.inventory(k, Instant.ofEpochSecond(now.getEpochSecond()), 0), now);
      states.record(new ConnectorKey(fleet.tenant(model.tenantOfConnector(k)), model.connector(k)),
          new Fetch(PollResult.OK, new InventoryParser().parse(served.body()), served.etag(), null), now, Duration.ofMillis(100));
    }
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    JvmMetrics.builder().register(jvm);
    JvmMetrics.builder().register(jvmAndChains);
    jvmAndChains.register(new ConnectorCollector(states, config, clock, null));
    exposition = new ConnectorExposition(states, config, clock, null);
    writer = format == Format.TEXT ? PrometheusTextFormatWriter.create() : OpenMetricsTextFormatWriter.create();
    sameBytesWithoutJvm(states, config, clock);
  }

  /** The two paths must write the same text, else comparing their times means nothing (the JVM families change between scrapes). */
  private void sameBytesWithoutJvm(ConnectorStates states, LiveConfig config, Clock clock) throws IOException {
    PrometheusRegistry chainsOnly = new PrometheusRegistry();
    chainsOnly.register(new ConnectorCollector(states, config, clock, null));
    ByteArrayOutputStream viaClientJava = new ByteArrayOutputStream();
    writer.write(viaClientJava, chainsOnly.scrape());
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    exposition.write(direct, format, new MetricSnapshots(), writer);
    if (!Arrays.equals(viaClientJava.toByteArray(), direct.toByteArray())) {
      throw new IllegalStateException("ConnectorExposition and client_java differ for " + chains + " chains in " + format);
    }
    System.out.printf("%n%d chains in %s: %d bytes, %d lines%n", chains, format, direct.size(),
        direct.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Benchmark
  public long viaClientJava() throws IOException {
    return CountingOutputStream.bytesOf(out -> writer.write(out, jvmAndChains.scrape()));
  }

  @Benchmark
  public long direct() throws IOException {
    return CountingOutputStream.bytesOf(out -> exposition.write(out, format, jvm.scrape(), writer));
  }
}
