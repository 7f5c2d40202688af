package io.vigil.metrics;

import static io.vigil.metrics.ExpositionFixture.CLOCK;
import static io.vigil.metrics.ExpositionFixture.NAMES;
import static io.vigil.metrics.ExpositionFixture.NOW;
import static io.vigil.metrics.ExpositionFixture.pick;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.vigil.config.LiveConfig;
import io.vigil.model.ClearedBy;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.ScheduleSpec;
import io.vigil.state.Fleet;
import io.vigil.store.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct writer against client_java's rendering of FleetCollector: the same bytes, in both text formats. */
class FleetExpositionTest {
  @TempDir
  Path dir;
  private LiveConfig config;

  @BeforeEach
  void config() throws Exception {
    config = ExpositionFixture.config(dir, """
        tenants:
          - account: acme
            name: "Zeta \\"IT\\" Services"
            grace_seconds: 3600
            heartbeat_interval_seconds: 10
            schedules:
              default: {days: [sat], window_start: "01:00", window_end: "05:00"}
          - account: beta
            name: Acme
          - account: idle
            name: Acme
        """);
  }

  @Test
  void writesWhatClientJavaWritesForARandomFleet() throws Exception {
    Random random = new Random(6);
    List<JobState> jobs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      JobKey key = new JobKey(pick(random, List.of("acme", "beta", "gamma")), pick(random, NAMES), pick(random, NAMES), pick(random, NAMES));
      Instant ended = NOW.minusSeconds(random.nextInt(200_000)).minusMillis(random.nextInt(1000));
      JobRun run = new JobRun(key, "r" + i, pick(random, List.of(JobResult.values())), ended.minusSeconds(random.nextInt(20_000)), ended,
          random.nextBoolean() ? random.nextLong() & Long.MAX_VALUE : random.nextInt(100), random.nextInt(), random.nextInt(5), 0, null,
          random.nextBoolean() ? null : Duration.ofSeconds(random.nextInt(100_000)), random.nextBoolean() ? null : pick(random, NAMES),
          random.nextInt(3) > 0 ? null : new ScheduleSpec("0 " + random.nextInt(24) + " * * *", null, null, null, null, 600L));
      JobState state = JobState.first(run, ended);
      if (random.nextBoolean()) {
        state = state.apply(new JobRun(key, "s" + i, JobResult.FAILED, ended, ended.plusSeconds(5), 1, 1, 1, 0, null, null,
            pick(random, NAMES)), ended, (k, after) -> 0);
      }
      jobs.add(state);
    }
    List<DeviceState> devices = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      DeviceKey key = new DeviceKey(pick(random, List.of("acme", "beta", "gamma")), pick(random, NAMES), pick(random, NAMES));
      DeviceState device = DeviceState.empty(key, NOW);
      if (random.nextInt(4) > 0) {
        device = device.apply(new Heartbeat(key, NOW.minusMillis(random.nextInt(100_000_000)),
            random.nextBoolean() ? null : Duration.ofSeconds(1 + random.nextInt(600)), pick(random, NAMES), pick(random, NAMES)), NOW);
      }
      if (random.nextBoolean()) {
        device = device.apply(new ErrorEvent(key, pick(random, List.of(DeviceError.values())), true, NOW, "x", ClearedBy.EVENT), NOW);
      }
      devices.add(device);
    }
    Fleet fleet = Fleet.of(new Snapshot(jobs, devices));

    assertSameOutput(fleet, null);
    assertSameOutput(fleet, "beta");
    assertSameOutput(fleet, "idle");
  }

  @Test
  void writesWhatClientJavaWritesForAnEmptyFleet() throws Exception {
    assertSameOutput(new Fleet(), null);
  }

  private void assertSameOutput(Fleet fleet, String tenant) throws Exception {
    FleetCollector collector = new FleetCollector(fleet, config, CLOCK, tenant);
    FleetExposition exposition = new FleetExposition(fleet, config, CLOCK, tenant);
    assertThat(direct(exposition, FleetExposition.Format.TEXT)).isEqualTo(clientJava(collector, PrometheusTextFormatWriter.create()));
    assertThat(direct(exposition, FleetExposition.Format.OPENMETRICS) + "# EOF\n")
        .isEqualTo(clientJava(collector, OpenMetricsTextFormatWriter.create()));
  }

  private static String direct(FleetExposition exposition, FleetExposition.Format format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exposition.write(out, format);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String clientJava(FleetCollector collector, ExpositionFormatWriter writer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, collector.collect());
    return out.toString(StandardCharsets.UTF_8);
  }
}
