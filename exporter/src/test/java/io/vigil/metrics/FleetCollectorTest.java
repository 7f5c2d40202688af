package io.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.state.Fleet;
import io.vigil.store.Snapshot;
import io.vigil.testsupport.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCollectorTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir
  Path dir;

  /** Jobs and devices of several tenants, in any order, each rendered once with its own tenant's grace and interval. */
  @Test
  void rendersEveryJobAndDeviceWithItsTenantsSettings() throws Exception {
    MetricSnapshots snapshots = twoTenants().collect();

    Map<String, Double> overdue = points(snapshots, "vigil_job_status").stream()
        .filter(p -> p.getLabels().get("status").equals("overdue"))
        .collect(Collectors.toMap(p -> p.getLabels().get("tenant") + "/" + p.getLabels().get("customer") + "/"
            + p.getLabels().get("backup_job"), p -> ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue()));
    assertThat(overdue).hasSize(8);
    assertThat(overdue).containsEntry("short/Acme/alpha", 1.0).containsEntry("short/Beta/zeta", 1.0)
        .containsEntry("long/Acme/alpha", 0.0).containsEntry("long/Beta/zeta", 0.0);
    assertThat(points(snapshots, "vigil_job_status")).hasSize(8 * 5);
    assertThat(points(snapshots, "vigil_job_missed_runs")).as("the scheduled job only").hasSize(1);
    assertThat(points(snapshots, "vigil_job_runs")).hasSize(8 * 3);
    assertThat(points(snapshots, "vigil_device_up").stream()
        .collect(Collectors.toMap(p -> p.getLabels().get("tenant"), p -> ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue())))
        .containsEntry("short", 0.0).containsEntry("long", 1.0);
    assertThat(points(snapshots, "vigil_device_error_active")).hasSize(2 * 9);
  }

  /**
   * Filtered scrapes ({@code ?name[]=}) skip a collector whose declared names are all filtered out, so the
   * declaration must hold every family it renders: a missing one would vanish from filtered scrapes.
   */
  @Test
  void declaresEveryFamilyItRenders() throws Exception {
    FleetCollector collector = twoTenants();

    List<String> rendered = collector.collect().stream().map(m -> m.getMetadata().getPrometheusName()).toList();

    assertThat(rendered).hasSize(FleetSeries.ALL.size());
    assertThat(collector.getPrometheusNames()).containsExactlyInAnyOrderElementsOf(rendered);
  }

  /** A scrape filtered to other families (a connector's, say) does not render the whole fleet for nothing. */
  @Test
  void aScrapeFilteredToOtherFamiliesDoesNotRenderTheFleet() throws Exception {
    TestClock clock = new TestClock(NOW);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(twoTenants(clock));

    assertThat(registry.scrape(name -> name.equals("vigil_chain_depth"))).isEmpty();
    assertThat(clock.reads()).isZero();
    assertThat(registry.scrape(name -> name.equals("vigil_job_status")).stream().map(m -> m.getMetadata().getName()))
        .containsExactly("vigil_job_status");
    assertThat(clock.reads()).isEqualTo(1);
  }

  private FleetCollector twoTenants() throws Exception {
    return twoTenants(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private FleetCollector twoTenants(Clock clock) throws Exception {
    Path file = dir.resolve("vigil.yml");
    Files.writeString(file, """
        tenants:
          - account: short
            name: Short grace
            grace_seconds: 3600
            heartbeat_interval_seconds: 10
          - account: long
            name: Long grace
            grace_seconds: 86400
            schedules:
              rules:
                - {customer: Beta, job: zeta, schedule: {days: [mon, tue, wed, thu, fri, sat, sun], window_start: "01:00", window_end: "05:00"}}
        """);
    LiveConfig config = new LiveConfig(new ConfigLoader().load(file), null);
    List<JobState> jobs = new ArrayList<>();
    List<DeviceState> devices = new ArrayList<>();
    for (String tenant : List.of("short", "long")) {
      for (String job : List.of("zeta", "alpha")) {
        for (String customer : List.of("Beta", "Acme")) {
          JobKey key = new JobKey(tenant, customer, "fs01", job);
          Instant ended = NOW.minus(Duration.ofHours(2));
          jobs.add(JobState.first(new JobRun(key, "r1", JobResult.SUCCESS, ended.minusSeconds(60), ended, 1, 1, 0, 0, null, null, null),
              ended));
        }
      }
      DeviceKey device = new DeviceKey(tenant, "Acme", "nvr01");
      devices.add(DeviceState.empty(device, NOW).apply(new Heartbeat(device, NOW.minusSeconds(60), null, null, null), NOW));
    }
    Fleet fleet = Fleet.of(new Snapshot(jobs, devices));
    return new FleetCollector(fleet, config, clock, null);
  }

  private static List<? extends DataPointSnapshot> points(MetricSnapshots snapshots, String name) {
    return snapshots.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().map(MetricSnapshot::getDataPoints)
        .orElseThrow();
  }
}
