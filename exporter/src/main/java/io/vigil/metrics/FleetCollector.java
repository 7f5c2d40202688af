package io.vigil.metrics;

import static io.vigil.metrics.FleetView.ERRORS_BY_LABEL;
import static io.vigil.metrics.FleetView.RESULTS_BY_LABEL;
import static io.vigil.metrics.FleetView.STATUSES_BY_LABEL;
import static io.vigil.metrics.Gauges.seconds;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.LiveConfig;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceState;
import io.vigil.model.JobResult;
import io.vigil.model.JobState;
import io.vigil.model.JobStatus;
import io.vigil.model.StatusRules;
import io.vigil.state.Fleet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fleet's jobs and devices as client_java snapshots, deriving status with {@link StatusRules}
 * against the clock. With a tenant it renders only that tenant; without, all of them. Scrapes in the
 * text formats are written by {@link FleetExposition} instead, which must render the same bytes;
 * this collector serves the protobuf format and filtered or debug scrapes.
 */
public final class FleetCollector implements MultiCollector {
  private final Fleet fleet;
  private final LiveConfig config;
  private final Clock clock;
  private final String onlyTenant;

  public FleetCollector(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant) {
    this.fleet = fleet;
    this.config = config;
    this.clock = clock;
    this.onlyTenant = onlyTenant;
  }

  /**
   * The families it may render. A {@code ?name[]=} scrape that asks for none of them (connector or JVM
   * families, say) then skips this collector instead of rendering every job and device to throw them away.
   */
  @Override
  public List<String> getPrometheusNames() {
    return FAMILY_NAMES;
  }

  private static final List<String> FAMILY_NAMES = Arrays.stream(FleetFamily.values()).map(f -> f.name).toList();

  @Override
  public MetricSnapshots collect() {
    FleetView view = FleetView.of(fleet, config.current(), onlyTenant);
    Instant now = clock.instant();
    InfoSnapshot.Builder tenantInfo = info(FleetFamily.TENANT);
    view.tenantNames().forEach((tenant, name) ->
        tenantInfo.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("tenant", tenant, "name", name)).build()));
    JobFamilies jobs = new JobFamilies();
    for (JobState job : view.jobs()) {
      jobs.add(job, view.grace(job), now);
    }
    DeviceFamilies devices = new DeviceFamilies();
    for (DeviceState device : view.devices()) {
      devices.add(device, view.interval(device), now);
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    snapshots.add(tenantInfo.build());
    jobs.addTo(snapshots);
    devices.addTo(snapshots);
    return new MetricSnapshots(snapshots);
  }

  private static InfoSnapshot.Builder info(FleetFamily family) {
    return InfoSnapshot.builder().name(family.name).help(family.help);
  }

  private static final class JobFamilies {
    final InfoSnapshot.Builder info = info(FleetFamily.JOB);
    final Gauges firstSeen = FleetFamily.JOB_FIRST_SEEN.gauges();
    final Gauges lastRun = FleetFamily.JOB_LAST_RUN.gauges();
    final Gauges lastSuccess = FleetFamily.JOB_LAST_SUCCESS.gauges();
    final Gauges sinceSuccess = FleetFamily.JOB_SINCE_SUCCESS.gauges();
    final Gauges grace = FleetFamily.JOB_GRACE.gauges();
    final Gauges status = FleetFamily.JOB_STATUS.gauges();
    final Gauges streak = FleetFamily.JOB_FAILURES.gauges();
    final Gauges duration = FleetFamily.JOB_DURATION.gauges();
    final Gauges bytes = FleetFamily.JOB_BYTES.gauges();
    final Gauges files = FleetFamily.JOB_FILES.gauges();
    final Gauges errors = FleetFamily.JOB_ERRORS.gauges();
    final Gauges warnings = FleetFamily.JOB_WARNINGS.gauges();
    final CounterSnapshot.Builder runs = CounterSnapshot.builder().name(FleetFamily.JOB_RUNS.name).help(FleetFamily.JOB_RUNS.help);
    boolean any;

    void add(JobState job, Duration jobGrace, Instant now) {
      any = true;
      Labels labels = Labels.of("tenant", job.key().tenant(), "customer", job.key().customer(),
          "device", job.key().device(), "backup_job", job.key().job());
      info.dataPoint(InfoDataPointSnapshot.builder().labels(labels.add("product", job.product() == null ? "" : job.product())).build());
      firstSeen.add(labels, seconds(job.firstSeen()));
      lastRun.add(labels, seconds(job.lastRun().endedAt()));
      if (job.lastSuccess() != null) {
        lastSuccess.add(labels, seconds(job.lastSuccess()));
      }
      sinceSuccess.add(labels, seconds(StatusRules.age(StatusRules.successReference(job), now)));
      grace.add(labels, seconds(jobGrace));
      JobStatus current = StatusRules.jobStatus(job, jobGrace, now);
      for (JobStatus s : STATUSES_BY_LABEL) {
        status.add(labels.add("status", s.label()), s == current ? 1 : 0);
      }
      streak.add(labels, job.consecutiveFailures());
      duration.add(labels, seconds(job.lastRun().duration()));
      bytes.add(labels, job.lastRun().bytes());
      files.add(labels, job.lastRun().files());
      errors.add(labels, job.lastRun().errors());
      warnings.add(labels, job.lastRun().warnings());
      for (JobResult result : RESULTS_BY_LABEL) {
        runs.dataPoint(CounterDataPointSnapshot.builder().labels(labels.add("result", result.label())).value(job.runs(result)).build());
      }
    }

    void addTo(List<MetricSnapshot> snapshots) {
      if (!any) {
        return;
      }
      snapshots.add(info.build());
      for (Gauges g : List.of(firstSeen, lastRun, lastSuccess, sinceSuccess, grace, status, streak, duration, bytes, files, errors, warnings)) {
        if (!g.isEmpty()) {
          snapshots.add(g.build());
        }
      }
      snapshots.add(runs.build());
    }
  }

  private static final class DeviceFamilies {
    final InfoSnapshot.Builder info = info(FleetFamily.DEVICE);
    final Gauges lastHeartbeat = FleetFamily.DEVICE_LAST_HEARTBEAT.gauges();
    final Gauges interval = FleetFamily.DEVICE_INTERVAL.gauges();
    final Gauges since = FleetFamily.DEVICE_SINCE_HEARTBEAT.gauges();
    final Gauges up = FleetFamily.DEVICE_UP.gauges();
    final Gauges errorActive = FleetFamily.DEVICE_ERROR.gauges();

    void add(DeviceState device, Duration deviceInterval, Instant now) {
      Labels labels = Labels.of("tenant", device.key().tenant(), "customer", device.key().customer(), "device", device.key().device());
      if (device.lastHeartbeat() != null) {
        info.dataPoint(InfoDataPointSnapshot.builder().labels(labels.add("product", orEmpty(device.product()))
            .add("version", orEmpty(device.version()))).build());
        lastHeartbeat.add(labels, seconds(device.lastHeartbeat()));
        interval.add(labels, seconds(deviceInterval));
        since.add(labels, seconds(StatusRules.age(device.lastHeartbeat(), now)));
        up.add(labels, StatusRules.deviceUp(device.lastHeartbeat(), deviceInterval, now) ? 1 : 0);
      }
      for (DeviceError error : ERRORS_BY_LABEL) {
        errorActive.add(labels.add("error", error.label()), device.active(error) ? 1 : 0);
      }
    }

    void addTo(List<MetricSnapshot> snapshots) {
      if (errorActive.isEmpty()) {
        return;
      }
      if (!up.isEmpty()) {
        snapshots.add(info.build());
        snapshots.add(lastHeartbeat.build());
        snapshots.add(interval.build());
        snapshots.add(since.build());
        snapshots.add(up.build());
      }
      snapshots.add(errorActive.build());
    }

    private static String orEmpty(String value) {
      return value == null ? "" : value;
    }
  }
}
