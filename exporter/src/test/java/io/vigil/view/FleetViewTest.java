package io.vigil.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.JobStatus;
import io.vigil.model.ScheduleSpec;
import io.vigil.state.Fleet;
import io.vigil.store.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read model every output uses: effective grace and interval, and the status derived from them at one moment. */
class FleetViewTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @TempDir
  Path dir;
  private VigilConfig config;

  @BeforeEach
  void config() throws Exception {
    Path file = dir.resolve("vigil.yml");
    Files.writeString(file, """
        defaults:
          grace_seconds: 86400
          heartbeat_interval_seconds: 60
        tenants:
          - account: acme
            name: Acme IT
            grace_seconds: 3600
            heartbeat_interval_seconds: 10
            schedules:
              rules:
                - job: "weekly-*"
                  schedule: {days: [sat], window_start: "01:00", window_end: "05:00"}
          - account: idle
            name: Idle
        """);
    config = new ConfigLoader().load(file);
  }

  @Test
  void aJobWithoutItsOwnGraceHasItsTenantsAndIsOverdueOnceThatHasPassed() {
    FleetView view = FleetView.of(fleet(List.of(job("acme", "nightly", Duration.ofHours(2), null)), List.of()), config, null, NOW);

    JobView job = view.jobs().get(0);
    assertThat(job.grace()).isEqualTo(Duration.ofHours(1));
    assertThat(job.sinceSuccess()).isEqualTo(Duration.ofHours(2));
    assertThat(job.status()).isEqualTo(JobStatus.OVERDUE);
  }

  @Test
  void aJobsOwnGraceWinsOverItsTenants() {
    FleetView view = FleetView.of(fleet(List.of(job("acme", "nightly", Duration.ofHours(2), Duration.ofHours(3))), List.of()), config,
        null, NOW);

    assertThat(view.jobs().get(0).grace()).isEqualTo(Duration.ofHours(3));
    assertThat(view.jobs().get(0).status()).isEqualTo(JobStatus.OK);
  }

  @Test
  void anUnconfiguredTenantIsNamedByItsAccountAndHasTheDefaults() {
    FleetView view = FleetView.of(fleet(List.of(job("stray", "nightly", Duration.ofHours(2), null)), List.of()), config, null, NOW);

    assertThat(view.tenants()).extracting(TenantView::account).containsExactly("acme", "idle", "stray");
    assertThat(view.tenants().get(2)).isEqualTo(new TenantView("stray", "stray", Duration.ofDays(1), Duration.ofSeconds(60)));
    assertThat(view.jobs().get(0).grace()).isEqualTo(Duration.ofDays(1));
    assertThat(view.jobs().get(0).status()).isEqualTo(JobStatus.OK);
  }

  @Test
  void aDeviceIsUnavailableOnceThreeOfItsTenantsIntervalsHavePassed() {
    FleetView view = FleetView.of(fleet(List.of(), List.of(device("acme", "nvr01", Duration.ofSeconds(30), null),
        device("acme", "nvr02", Duration.ofSeconds(31), null))), config, null, NOW);

    assertThat(view.devices()).extracting(DeviceView::interval).containsOnly(Duration.ofSeconds(10));
    assertThat(view.devices()).extracting(DeviceView::up).containsExactly(true, false);
    assertThat(view.devices()).extracting(DeviceView::sinceHeartbeat).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(31));
  }

  @Test
  void anIntervalTheDeviceDeclaresWinsOverItsTenants() {
    FleetView view = FleetView.of(fleet(List.of(), List.of(device("acme", "nvr01", Duration.ofSeconds(31), Duration.ofSeconds(60)))),
        config, null, NOW);

    assertThat(view.devices().get(0).interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(view.devices().get(0).up()).isTrue();
  }

  @Test
  void aDeviceThatOnlySentEventsHasNoHeartbeatAndIsNotUp() {
    DeviceState events = DeviceState.empty(new DeviceKey("acme", "Dental", "nvr01"), NOW);

    DeviceView device = FleetView.of(fleet(List.of(), List.of(events)), config, null, NOW).devices().get(0);

    assertThat(device.heartbeating()).isFalse();
    assertThat(device.sinceHeartbeat()).isNull();
    assertThat(device.up()).isFalse();
  }

  @Test
  void oneTenantsViewHoldsOnlyItsJobsAndDevices() {
    Fleet fleet = fleet(List.of(job("acme", "nightly", Duration.ofHours(2), null), job("stray", "nightly", Duration.ZERO, null)),
        List.of(device("stray", "nvr01", Duration.ZERO, null)));

    FleetView view = FleetView.of(fleet, config, "acme", NOW);

    assertThat(view.tenants()).extracting(TenantView::account).containsExactly("acme");
    assertThat(view.jobs()).extracting(j -> j.key().tenant()).containsExactly("acme");
    assertThat(view.devices()).isEmpty();
  }

  @Test
  void jobsAreInTheOrderOfJobNameCustomerDeviceAndTenant() {
    Fleet fleet = fleet(List.of(job("stray", "b", Duration.ZERO, null), job("acme", "b", Duration.ZERO, null),
        job("acme", "a", Duration.ZERO, null)), List.of());

    assertThat(FleetView.of(fleet, config, null, NOW).jobs()).extracting(j -> j.key().job() + "/" + j.key().tenant())
        .containsExactly("a/acme", "b/acme", "b/stray");
  }

  @Test
  void aScheduledJobIsJudgedByItsScheduleAndItsOwnScheduleWinsOverTheConfigurations() {
    JobState weekly = job("acme", "weekly-files", Duration.ofDays(2), null);
    Instant ended = NOW.minus(Duration.ofDays(2));
    JobState own = JobState.first(new JobRun(new JobKey("acme", "Dental", "fs01", "weekly-own"), "r1", JobResult.SUCCESS,
        ended.minusSeconds(60), ended, 1, 1, 0, 0, null, null, null, new ScheduleSpec("0 3 * * *", null, null, null, null, 600L)), ended);
    FleetView view = FleetView.of(fleet(List.of(weekly, own), List.of()), config, null, NOW);

    JobView files = view.jobs().get(0);
    assertThat(files.status()).as("Monday, ran on Saturday: a grace alone would say overdue").isEqualTo(JobStatus.OK);
    assertThat(files.grace()).isEqualTo(Duration.ofHours(1));
    assertThat(files.nextExpectedRun()).isEqualTo(Instant.parse("2026-12-05T01:00:00Z"));
    assertThat(files.missedRuns()).isZero();
    JobView daily = view.jobs().get(1);
    assertThat(daily.status()).isEqualTo(JobStatus.MISSED);
    assertThat(daily.missedRuns()).as("Sunday's and Monday's 03:00").isEqualTo(2);
    assertThat(daily.grace()).isEqualTo(Duration.ofMinutes(10));
  }

  private static JobState job(String tenant, String name, Duration ago, Duration grace) {
    JobKey key = new JobKey(tenant, "Dental", "fs01", name);
    Instant ended = NOW.minus(ago);
    return JobState.first(new JobRun(key, "r1", JobResult.SUCCESS, ended.minusSeconds(60), ended, 1, 1, 0, 0, null, grace, null), ended);
  }

  private static DeviceState device(String tenant, String name, Duration ago, Duration interval) {
    DeviceKey key = new DeviceKey(tenant, "Dental", name);
    return DeviceState.empty(key, NOW).apply(new Heartbeat(key, NOW.minus(ago), interval, null, null), NOW);
  }

  private static Fleet fleet(List<JobState> jobs, List<DeviceState> devices) {
    return Fleet.of(new Snapshot(jobs, devices));
  }
}
