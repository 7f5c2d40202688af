package io.vigil.metrics;

import static io.vigil.metrics.Gauges.seconds;

import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.model.DeviceError;
import io.vigil.model.JobResult;
import io.vigil.model.JobStatus;
import io.vigil.model.StatusRules;
import io.vigil.view.DeviceView;
import io.vigil.view.FleetView;
import io.vigil.view.JobView;
import io.vigil.view.TenantView;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Every family of the fleet (tenants, jobs, devices), each defined once: name, help, unit and value, read from
 * a {@link FleetView}, which has derived each job's and device's status. A new job value is one line here.
 */
final class FleetSeries {
  private static final List<JobStatus> STATUSES = byLabel(JobStatus.values(), JobStatus::label);
  private static final List<JobResult> RESULTS = byLabel(JobResult.values(), JobResult::label);
  private static final List<DeviceError> ERRORS = byLabel(DeviceError.values(), DeviceError::label);
  private static final List<String> STATUS_LABELS = STATUSES.stream().map(JobStatus::label).toList();
  private static final List<String> RESULT_LABELS = RESULTS.stream().map(JobResult::label).toList();
  private static final List<String> ERROR_LABELS = ERRORS.stream().map(DeviceError::label).toList();

  private static final Function<TenantView, String[]> TENANT = t -> new String[] {"name", t.name(), "tenant", t.account()};
  private static final Function<JobView, String[]> JOB = j -> new String[] {"backup_job", j.key().job(), "customer", j.key().customer(),
      "device", j.key().device(), "tenant", j.key().tenant()};
  private static final Function<DeviceView, String[]> DEVICE = d -> new String[] {"customer", d.key().customer(),
      "device", d.key().device(), "tenant", d.key().tenant()};
  /** The device info's labels: a device's, and its version (which sorts after them all). */
  private static final Function<DeviceView, String[]> DEVICE_AND_VERSION = d -> new String[] {"customer", d.key().customer(),
      "device", d.key().device(), "tenant", d.key().tenant(), "version", orEmpty(d.state().version())};
  private static final Predicate<DeviceView> HEARTBEATING = DeviceView::heartbeating;

  static final List<Series<FleetView, ?>> ALL = Series.byName(List.of(
      Series.info("vigil_tenant", "Configured tenants (MSPs and resellers).", FleetSeries::tenantsInLabelOrder, TENANT, t -> true, null,
          t -> List.of("")),
      Series.info("vigil_job", "Backup jobs, with the product that reports them.", FleetView::jobs, JOB, j -> true, "product",
          j -> List.of(orEmpty(j.state().product()))),
      job("vigil_job_first_seen_timestamp_seconds", "End of the oldest run reported for the job.", Unit.SECONDS,
          j -> seconds(j.state().firstSeen())),
      job("vigil_job_last_run_timestamp_seconds", "End of the newest finished run.", Unit.SECONDS,
          j -> seconds(j.state().lastRun().endedAt())),
      Series.gauge("vigil_job_last_success_timestamp_seconds", "End of the newest successful run.", Unit.SECONDS, FleetView::jobs, JOB,
          j -> j.state().lastSuccess() != null, j -> seconds(j.state().lastSuccess())),
      job("vigil_job_since_last_success_seconds",
          "Seconds since the newest successful run (since the first run for a job that never succeeded).", Unit.SECONDS,
          j -> seconds(j.sinceSuccess())),
      job("vigil_job_grace_seconds", "Grace period (monitoring priority) after which the job is overdue.", Unit.SECONDS,
          j -> seconds(j.grace())),
      new Series<>("vigil_job_status", FamilyType.GAUGE, "Current job status: 1 for the status in the status label, 0 for the others.",
          null, FleetView::jobs, JOB, j -> true, "status", j -> STATUS_LABELS, (j, k) -> STATUSES.get(k) == j.status() ? 1 : 0),
      Series.gauge("vigil_job_next_expected_run_timestamp_seconds", "Start of the next run the job's schedule expects (scheduled jobs).",
          Unit.SECONDS, FleetView::jobs, JOB, j -> j.nextExpectedRun() != null, j -> seconds(j.nextExpectedRun())),
      Series.counter("vigil_job_missed_runs",
          "Expected runs without a result by the end of their window plus grace, since the job's newest run (scheduled jobs; "
              + "a run resets it, so increase() counts the runs missed in a range).",
          FleetView::jobs, JOB, j -> j.schedule() != null, JobView::missedRuns),
      job("vigil_job_consecutive_failures", "Failed runs in a row, newest first.", null, j -> j.state().consecutiveFailures()),
      job("vigil_job_last_run_duration_seconds", "Length of the newest run.", Unit.SECONDS, j -> seconds(j.state().lastRun().duration())),
      job("vigil_job_last_run_bytes", "Bytes backed up by the newest run.", Unit.BYTES, j -> j.state().lastRun().bytes()),
      job("vigil_job_last_run_files", "Files backed up by the newest run.", null, j -> j.state().lastRun().files()),
      job("vigil_job_last_run_errors", "Errors reported by the newest run.", null, j -> j.state().lastRun().errors()),
      job("vigil_job_last_run_warnings", "Warnings reported by the newest run.", null, j -> j.state().lastRun().warnings()),
      new Series<>("vigil_job_runs", FamilyType.COUNTER, "Runs reported since the job was first seen, by result.", null, FleetView::jobs,
          JOB, j -> true, "result", j -> RESULT_LABELS, (j, k) -> j.state().runs(RESULTS.get(k))),
      Series.info("vigil_device", "Heartbeating devices, with product and version.", FleetView::devices, DEVICE_AND_VERSION, HEARTBEATING,
          "product", d -> List.of(orEmpty(d.state().product()))),
      device("vigil_device_last_heartbeat_timestamp_seconds", "Time of the newest heartbeat.", Unit.SECONDS,
          d -> seconds(d.state().lastHeartbeat())),
      device("vigil_device_heartbeat_interval_seconds", "Heartbeat interval, declared by the device or configured.", Unit.SECONDS,
          d -> seconds(d.interval())),
      device("vigil_device_since_last_heartbeat_seconds", "Seconds since the newest heartbeat.", Unit.SECONDS,
          d -> seconds(d.sinceHeartbeat())),
      device("vigil_device_up",
          "1 while the device heartbeats; 0 once " + StatusRules.MISSED_HEARTBEATS + " heartbeats in a row are missed.",
          null, d -> d.up() ? 1 : 0),
      new Series<>("vigil_device_error_active", FamilyType.GAUGE, "1 while the device reports the error in the error label.", null,
          FleetView::devices, DEVICE, d -> true, "error", d -> ERROR_LABELS, (d, k) -> d.state().active(ERRORS.get(k)) ? 1 : 0)));

  private FleetSeries() {}

  private static Series<FleetView, JobView> job(String name, String help, Unit unit, ToDoubleFunction<JobView> value) {
    return Series.gauge(name, help, unit, FleetView::jobs, JOB, j -> true, value);
  }

  /** A gauge of heartbeating devices. */
  private static Series<FleetView, DeviceView> device(String name, String help, Unit unit, ToDoubleFunction<DeviceView> value) {
    return Series.gauge(name, help, unit, FleetView::devices, DEVICE, HEARTBEATING, value);
  }

  /** Label order: by name, then account. */
  private static List<TenantView> tenantsInLabelOrder(FleetView view) {
    return view.tenants().stream().sorted(Comparator.comparing(TenantView::name).thenComparing(TenantView::account)).toList();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static <T> List<T> byLabel(T[] values, Function<T, String> label) {
    return Arrays.stream(values).sorted(Comparator.comparing(label)).toList();
  }
}
