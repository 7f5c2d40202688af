package io.vigil.metrics;

import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobResult;
import io.vigil.model.JobState;
import io.vigil.model.JobKey;
import io.vigil.model.JobStatus;
import io.vigil.state.Fleet;
import java.time.Duration;
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
 * What one scrape renders: the tenants (all, or one), their jobs and devices sorted in label order,
 * and each one's grace or heartbeat interval. Data points sorted this way are in the order
 * client_java writes them, which keeps its per-family sort linear and the direct writer identical.
 */
record FleetView(Map<String, String> tenantNames, List<JobState> jobs, List<DeviceState> devices, Map<String, Duration> graces,
    Map<String, Duration> intervals) {
  /** Label order (names sorted: backup_job, customer, device, tenant); written out, as the scrape sorts every job by it. */
  static final Comparator<JobState> JOB_LABEL_ORDER = (a, b) -> {
    JobKey x = a.key();
    JobKey y = b.key();
    int c = x.job().compareTo(y.job());
    c = c != 0 ? c : x.customer().compareTo(y.customer());
    c = c != 0 ? c : x.device().compareTo(y.device());
    return c != 0 ? c : x.tenant().compareTo(y.tenant());
  };
  /** Label order (customer, device, tenant). */
  static final Comparator<DeviceState> DEVICE_LABEL_ORDER = (a, b) -> {
    DeviceKey x = a.key();
    DeviceKey y = b.key();
    int c = x.customer().compareTo(y.customer());
    c = c != 0 ? c : x.device().compareTo(y.device());
    return c != 0 ? c : x.tenant().compareTo(y.tenant());
  };
  static final List<JobStatus> STATUSES_BY_LABEL = byLabel(JobStatus.values(), JobStatus::label);
  static final List<JobResult> RESULTS_BY_LABEL = byLabel(JobResult.values(), JobResult::label);
  static final List<DeviceError> ERRORS_BY_LABEL = byLabel(DeviceError.values(), DeviceError::label);

  static FleetView of(Fleet fleet, VigilConfig cfg, String onlyTenant) {
    Set<String> tenants = new TreeSet<>();
    if (onlyTenant != null) {
      tenants.add(onlyTenant);
    } else {
      tenants.addAll(fleet.tenants());
      cfg.tenants().forEach(t -> tenants.add(t.account()));
    }
    Map<String, String> names = new HashMap<>();
    Map<String, Duration> graces = new HashMap<>();
    Map<String, Duration> intervals = new HashMap<>();
    List<JobState> jobs = new ArrayList<>();
    List<DeviceState> devices = new ArrayList<>();
    for (String tenant : tenants) {
      names.put(tenant, cfg.tenant(tenant).map(TenantConfig::name).orElse(tenant));
      graces.put(tenant, cfg.graceFor(tenant));
      intervals.put(tenant, cfg.heartbeatIntervalFor(tenant));
      jobs.addAll(fleet.jobs(tenant));
      devices.addAll(fleet.devices(tenant));
    }
    jobs.sort(JOB_LABEL_ORDER);
    devices.sort(DEVICE_LABEL_ORDER);
    return new FleetView(names, jobs, devices, graces, intervals);
  }

  Duration grace(JobState job) {
    return job.grace() != null ? job.grace() : graces.get(job.key().tenant());
  }

  Duration interval(DeviceState device) {
    return device.interval() != null ? device.interval() : intervals.get(device.key().tenant());
  }

  private static <T> List<T> byLabel(T[] values, Function<T, String> label) {
    return Arrays.stream(values).sorted(Comparator.comparing(label)).toList();
  }
}
