package io.vigil.metrics;

import static io.vigil.metrics.Gauges.seconds;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.config.LiveConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders the fleet's jobs and devices at scrape time, deriving status with {@link StatusRules}
 * against the clock. With a tenant it renders only that tenant; without, all of them.
 */
public final class FleetCollector implements MultiCollector {
  /** Label order (names sorted: backup_job, customer, device, tenant), the order client_java sorts data points in. */
  private static final Comparator<JobState> JOB_LABEL_ORDER = Comparator.comparing((JobState j) -> j.key().job())
      .thenComparing(j -> j.key().customer()).thenComparing(j -> j.key().device()).thenComparing(j -> j.key().tenant());
  private static final Comparator<DeviceState> DEVICE_LABEL_ORDER = Comparator.comparing((DeviceState d) -> d.key().customer())
      .thenComparing(d -> d.key().device()).thenComparing(d -> d.key().tenant());
  private static final List<JobStatus> STATUSES_BY_LABEL = byLabel(JobStatus.values(), JobStatus::label);
  private static final List<JobResult> RESULTS_BY_LABEL = byLabel(JobResult.values(), JobResult::label);
  private static final List<DeviceError> ERRORS_BY_LABEL = byLabel(DeviceError.values(), DeviceError::label);

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

  @Override
  public MetricSnapshots collect() {
    VigilConfig cfg = config.current();
    Instant now = clock.instant();
    Set<String> tenants = new TreeSet<>();
    if (onlyTenant != null) {
      tenants.add(onlyTenant);
    } else {
      tenants.addAll(fleet.tenants());
      cfg.tenants().forEach(t -> tenants.add(t.account()));
    }
    JobFamilies jobs = new JobFamilies();
    DeviceFamilies devices = new DeviceFamilies();
    InfoSnapshot.Builder tenantInfo = InfoSnapshot.builder().name("vigil_tenant").help("Configured tenants (MSPs and resellers).");
    Map<String, Duration> graces = new HashMap<>();
    Map<String, Duration> intervals = new HashMap<>();
    List<JobState> allJobs = new ArrayList<>();
    List<DeviceState> allDevices = new ArrayList<>();
    for (String tenant : tenants) {
      String name = cfg.tenant(tenant).map(TenantConfig::name).orElse(tenant);
      tenantInfo.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("tenant", tenant, "name", name)).build());
      graces.put(tenant, cfg.graceFor(tenant));
      intervals.put(tenant, cfg.heartbeatIntervalFor(tenant));
      allJobs.addAll(fleet.jobs(tenant));
      allDevices.addAll(fleet.devices(tenant));
    }
    // Each snapshot sorts its data points by labels; handing them over in that order keeps the sort linear.
    allJobs.sort(JOB_LABEL_ORDER);
    allDevices.sort(DEVICE_LABEL_ORDER);
    for (JobState job : allJobs) {
      jobs.add(job, job.grace() != null ? job.grace() : graces.get(job.key().tenant()), now);
    }
    for (DeviceState device : allDevices) {
      devices.add(device, device.interval() != null ? device.interval() : intervals.get(device.key().tenant()), now);
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    snapshots.add(tenantInfo.build());
    jobs.addTo(snapshots);
    devices.addTo(snapshots);
    return new MetricSnapshots(snapshots);
  }

  private static <T> List<T> byLabel(T[] values, Function<T, String> label) {
    return Arrays.stream(values).sorted(Comparator.comparing(label)).toList();
  }

  private static final class JobFamilies {
    final InfoSnapshot.Builder info = InfoSnapshot.builder().name("vigil_job").help("Backup jobs, with the product that reports them.");
    final Gauges firstSeen = new Gauges("vigil_job_first_seen_timestamp_seconds", "End of the oldest run reported for the job.", Unit.SECONDS);
    final Gauges lastRun = new Gauges("vigil_job_last_run_timestamp_seconds", "End of the newest finished run.", Unit.SECONDS);
    final Gauges lastSuccess = new Gauges("vigil_job_last_success_timestamp_seconds", "End of the newest successful run.", Unit.SECONDS);
    final Gauges sinceSuccess = new Gauges("vigil_job_since_last_success_seconds",
        "Seconds since the newest successful run (since the first run for a job that never succeeded).", Unit.SECONDS);
    final Gauges grace = new Gauges("vigil_job_grace_seconds", "Grace period (monitoring priority) after which the job is overdue.", Unit.SECONDS);
    final Gauges status = new Gauges("vigil_job_status", "Current job status: 1 for the status in the status label, 0 for the others.", null);
    final Gauges streak = new Gauges("vigil_job_consecutive_failures", "Failed runs in a row, newest first.", null);
    final Gauges duration = new Gauges("vigil_job_last_run_duration_seconds", "Length of the newest run.", Unit.SECONDS);
    final Gauges bytes = new Gauges("vigil_job_last_run_bytes", "Bytes backed up by the newest run.", Unit.BYTES);
    final Gauges files = new Gauges("vigil_job_last_run_files", "Files backed up by the newest run.", null);
    final Gauges errors = new Gauges("vigil_job_last_run_errors", "Errors reported by the newest run.", null);
    final Gauges warnings = new Gauges("vigil_job_last_run_warnings", "Warnings reported by the newest run.", null);
    final CounterSnapshot.Builder runs = CounterSnapshot.builder().name("vigil_job_runs").help("Runs reported since the job was first seen, by result.");
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
      sinceSuccess.add(labels, seconds(Duration.between(StatusRules.successReference(job), now)));
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
    final InfoSnapshot.Builder info = InfoSnapshot.builder().name("vigil_device").help("Heartbeating devices, with product and version.");
    final Gauges lastHeartbeat = new Gauges("vigil_device_last_heartbeat_timestamp_seconds", "Time of the newest heartbeat.", Unit.SECONDS);
    final Gauges interval = new Gauges("vigil_device_heartbeat_interval_seconds", "Heartbeat interval, declared by the device or configured.", Unit.SECONDS);
    final Gauges since = new Gauges("vigil_device_since_last_heartbeat_seconds", "Seconds since the newest heartbeat.", Unit.SECONDS);
    final Gauges up = new Gauges("vigil_device_up", "1 while the device heartbeats; 0 once " + StatusRules.MISSED_HEARTBEATS
        + " heartbeats in a row are missed.", null);
    final Gauges errorActive = new Gauges("vigil_device_error_active", "1 while the device reports the error in the error label.", null);

    void add(DeviceState device, Duration deviceInterval, Instant now) {
      Labels labels = Labels.of("tenant", device.key().tenant(), "customer", device.key().customer(), "device", device.key().device());
      if (device.lastHeartbeat() != null) {
        info.dataPoint(InfoDataPointSnapshot.builder().labels(labels.add("product", orEmpty(device.product()))
            .add("version", orEmpty(device.version()))).build());
        lastHeartbeat.add(labels, seconds(device.lastHeartbeat()));
        interval.add(labels, seconds(deviceInterval));
        since.add(labels, seconds(Duration.between(device.lastHeartbeat(), now)));
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
