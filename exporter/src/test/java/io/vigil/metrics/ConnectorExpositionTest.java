package io.vigil.metrics;

import static io.vigil.metrics.ExpositionFixture.CLOCK;
import static io.vigil.metrics.ExpositionFixture.NAMES;
import static io.vigil.metrics.ExpositionFixture.NOW;
import static io.vigil.metrics.ExpositionFixture.pick;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.config.LiveConfig;
import io.vigil.metrics.FleetExposition.Format;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.Fetch;
import io.vigil.poll.Inventory;
import io.vigil.poll.PollResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct writer against client_java's rendering of ConnectorCollector, with other client_java families in
 * among the connector families: the same bytes, in both text formats.
 */
class ConnectorExpositionTest {
  @TempDir
  Path dir;
  private LiveConfig config;

  @BeforeEach
  void config() throws Exception {
    config = ExpositionFixture.config(dir, """
        tenants:
          - account: acme
            name: Acme
            chain_grace_seconds: 7200
            connectors:
              - {name: img01, url: "http://127.0.0.1:1", token: t}
              - {name: img02, url: "http://127.0.0.1:1", token: t}
            folders:
              - {connector: img01, folder: "a/b", customer: "Holding \\"A\\"", grace_seconds: 600}
              - {connector: img02, folder: "b/a", grace_seconds: 60}
            customers:
              - {customer: "Zahnarzt Müller", quota_bytes: 1099511627776}
              - {customer: "nobody\\\\else", quota_bytes: 5}
          - account: beta
            name: Beta
            connectors:
              - {name: img01, url: "http://127.0.0.1:1", token: t}
              - {name: down, url: "http://127.0.0.1:1", token: t}
              - {name: never, url: "http://127.0.0.1:1", token: t}
              - {name: failing, url: "http://127.0.0.1:1", token: t}
          - account: idle
            name: Idle
        """);
  }

  @Test
  void writesWhatClientJavaWritesForRandomInventories() throws Exception {
    Random random = new Random(6);
    ConnectorStates states = new ConnectorStates();
    Inventory shared = inventory(random, "img01");
    for (ConnectorKey key : List.of(new ConnectorKey("acme", "img01"), new ConnectorKey("acme", "img02"),
        new ConnectorKey("beta", "img01"), new ConnectorKey("beta", "down"))) {
      // Both tenants' img01 serve the same folders: their series differ by tenant only (or by customer where acme maps one).
      Inventory inventory = key.connector().equals("img01") ? shared : inventory(random, key.connector());
      states.record(key, new Fetch(PollResult.OK, inventory, "\"e\"", null),
          NOW.minusSeconds(random.nextInt(5000)).minusMillis(random.nextInt(1000)), Duration.ofNanos(random.nextInt(2_000_000_000)));
    }
    states.record(new ConnectorKey("acme", "img02"), new Fetch(PollResult.NOT_MODIFIED, null, null, null), NOW.minusMillis(1500),
        Duration.ofMillis(12));
    states.record(new ConnectorKey("beta", "down"), new Fetch(PollResult.TIMEOUT, null, null, "timed out"), NOW.minusMillis(20),
        Duration.ofSeconds(5));
    states.record(new ConnectorKey("beta", "failing"), new Fetch(PollResult.UNAUTHORIZED, null, null, "401"), NOW.minusSeconds(3),
        Duration.ofMillis(7));

    assertSameOutput(states, null);
    assertSameOutput(states, "beta");
    assertSameOutput(states, "idle");
  }

  @Test
  void writesWhatClientJavaWritesWithoutConnectorData() throws Exception {
    assertSameOutput(new ConnectorStates(), null);
    assertSameOutput(new ConnectorStates(), "idle");
  }

  @Test
  void collectorDeclaresEveryFamilyItRenders() throws Exception {
    ConnectorStates states = new ConnectorStates();
    states.record(new ConnectorKey("acme", "img01"), new Fetch(PollResult.OK, inventory(new Random(1), "img01"), null, null), NOW,
        Duration.ofMillis(5));
    ConnectorCollector collector = new ConnectorCollector(states, config, CLOCK, null);

    assertThat(collector.collect().stream().map(s -> s.getMetadata().getPrometheusName()))
        .hasSize(ConnectorSeries.ALL.size()).allMatch(collector.getPrometheusNames()::contains);
  }

  /** Folders with unique paths (a/b, mapped by the config, and random ones), managed or not; per volume one current chain, some older ones. */
  private static Inventory inventory(Random random, String connector) {
    List<Inventory.Folder> folders = new ArrayList<>();
    Set<String> paths = new LinkedHashSet<>();
    for (int i = 0; i < 30; i++) {
      String customer = i == 0 ? "a" : pick(random, NAMES);
      String folder = i == 0 ? "b" : pick(random, NAMES);
      if (!paths.add(customer + "/" + folder)) {
        continue;
      }
      List<Inventory.Volume> chains = new ArrayList<>();
      for (String volume : new LinkedHashSet<>(List.of(pick(random, NAMES), pick(random, NAMES), pick(random, NAMES)))) {
        int older = random.nextInt(3);
        for (int c = 0; c <= older; c++) {
          chains.add(new Inventory.Volume(volume, "base" + c, c == older, random.nextInt(400),
              new Inventory.Images(random.nextInt(2), random.nextInt(3), random.nextInt(300), random.nextInt(8), random.nextInt(5),
                  random.nextInt(13), random.nextInt(2)),
              NOW.minusSeconds(random.nextInt(900_000)).minusMillis(random.nextInt(1000)),
              random.nextBoolean() ? random.nextLong() & Long.MAX_VALUE : random.nextInt(1_000_000), (long) random.nextInt(1 << 30),
              random.nextInt(5) == 0, random.nextInt(4) == 0, random.nextInt(3) == 0 ? random.nextInt(40) : null,
              random.nextInt(6) == 0 ? null : random.nextInt(5) == 0, random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(90_000)),
              random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(9_000)).minusMillis(random.nextInt(1000))));
        }
      }
      folders.add(new Inventory.Folder(customer, folder, random.nextInt(5) > 0, chains));
    }
    return new Inventory(Inventory.VERSION, new Inventory.Connector(connector, pick(random, NAMES)), NOW,
        new Inventory.Repository(random.nextLong() & Long.MAX_VALUE, (long) random.nextInt(1 << 30)), folders,
        unparseable(random, paths));
  }

  /** Sometimes none (an older connector), else the root, customers and folders, sometimes more than are exported one by one. */
  private static List<Inventory.UnparseableCount> unparseable(Random random, Set<String> paths) {
    if (random.nextInt(4) == 0) {
      return null;
    }
    Set<String> places = new LinkedHashSet<>(List.of("", "a", ConnectorView.OTHER_PLACES));
    places.addAll(paths);
    int more = random.nextBoolean() ? ConnectorView.MAX_UNPARSEABLE_PLACES : 0;
    for (int i = 0; i < more; i++) {
      places.add(pick(random, NAMES) + "/" + i);
    }
    return places.stream().map(p -> new Inventory.UnparseableCount(p, (long) random.nextInt(4))).toList();
  }

  /** Other families, named to sort before, in among and after the connector families. */
  private static PrometheusRegistry others() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge.builder().name("jvm_threads_current").help("Before every connector family.").register(registry).set(42);
    Gauge.builder().name("vigil_chain_c").help("Between vigil_chain_broken and vigil_chain_depth.").register(registry).set(0.5);
    Counter.builder().name("vigil_connector_polls_total").help("A counter among the connector families.").labelNames("result")
        .register(registry).labelValues("ok").inc(3);
    Info.builder().name("vigil_build_info").help("Build \"info\".").labelNames("version").register(registry).addLabelValues("1.0");
    Gauge.builder().name("vigil_store_healthy_seconds").help("After every connector family.").unit(Unit.SECONDS).register(registry)
        .set(1);
    return registry;
  }

  private void assertSameOutput(ConnectorStates states, String tenant) throws Exception {
    ConnectorCollector collector = new ConnectorCollector(states, config, CLOCK, tenant);
    ConnectorExposition exposition = new ConnectorExposition(states, config, CLOCK, tenant);
    PrometheusRegistry others = others();
    PrometheusRegistry everything = others();
    everything.register(collector);
    for (ExpositionFormatWriter writer : List.of(PrometheusTextFormatWriter.create(), OpenMetricsTextFormatWriter.create())) {
      Format format = writer instanceof PrometheusTextFormatWriter ? Format.TEXT : Format.OPENMETRICS;
      ByteArrayOutputStream direct = new ByteArrayOutputStream();
      exposition.write(direct, format, others.scrape(), writer);
      ByteArrayOutputStream clientJava = new ByteArrayOutputStream();
      writer.write(clientJava, everything.scrape());
      assertThat(direct.toString(StandardCharsets.UTF_8)).isEqualTo(clientJava.toString(StandardCharsets.UTF_8));
    }
  }
}
