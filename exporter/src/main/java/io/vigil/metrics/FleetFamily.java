package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.model.StatusRules;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Name, type, help and unit of every metric family of the fleet: the one definition that
 * {@link FleetCollector} (client_java snapshots) and {@link FleetExposition} (direct writer) both render.
 */
enum FleetFamily {
  TENANT("vigil_tenant", FamilyType.INFO, "Configured tenants (MSPs and resellers).", null),
  JOB("vigil_job", FamilyType.INFO, "Backup jobs, with the product that reports them.", null),
  JOB_FIRST_SEEN("vigil_job_first_seen_timestamp_seconds", FamilyType.GAUGE, "End of the oldest run reported for the job.", Unit.SECONDS),
  JOB_LAST_RUN("vigil_job_last_run_timestamp_seconds", FamilyType.GAUGE, "End of the newest finished run.", Unit.SECONDS),
  JOB_LAST_SUCCESS("vigil_job_last_success_timestamp_seconds", FamilyType.GAUGE, "End of the newest successful run.", Unit.SECONDS),
  JOB_SINCE_SUCCESS("vigil_job_since_last_success_seconds", FamilyType.GAUGE,
      "Seconds since the newest successful run (since the first run for a job that never succeeded).", Unit.SECONDS),
  JOB_GRACE("vigil_job_grace_seconds", FamilyType.GAUGE, "Grace period (monitoring priority) after which the job is overdue.", Unit.SECONDS),
  JOB_STATUS("vigil_job_status", FamilyType.GAUGE, "Current job status: 1 for the status in the status label, 0 for the others.", null),
  JOB_FAILURES("vigil_job_consecutive_failures", FamilyType.GAUGE, "Failed runs in a row, newest first.", null),
  JOB_DURATION("vigil_job_last_run_duration_seconds", FamilyType.GAUGE, "Length of the newest run.", Unit.SECONDS),
  JOB_BYTES("vigil_job_last_run_bytes", FamilyType.GAUGE, "Bytes backed up by the newest run.", Unit.BYTES),
  JOB_FILES("vigil_job_last_run_files", FamilyType.GAUGE, "Files backed up by the newest run.", null),
  JOB_ERRORS("vigil_job_last_run_errors", FamilyType.GAUGE, "Errors reported by the newest run.", null),
  JOB_WARNINGS("vigil_job_last_run_warnings", FamilyType.GAUGE, "Warnings reported by the newest run.", null),
  JOB_RUNS("vigil_job_runs", FamilyType.COUNTER, "Runs reported since the job was first seen, by result.", null),
  DEVICE("vigil_device", FamilyType.INFO, "Heartbeating devices, with product and version.", null),
  DEVICE_LAST_HEARTBEAT("vigil_device_last_heartbeat_timestamp_seconds", FamilyType.GAUGE, "Time of the newest heartbeat.", Unit.SECONDS),
  DEVICE_INTERVAL("vigil_device_heartbeat_interval_seconds", FamilyType.GAUGE, "Heartbeat interval, declared by the device or configured.",
      Unit.SECONDS),
  DEVICE_SINCE_HEARTBEAT("vigil_device_since_last_heartbeat_seconds", FamilyType.GAUGE, "Seconds since the newest heartbeat.", Unit.SECONDS),
  DEVICE_UP("vigil_device_up", FamilyType.GAUGE,
      "1 while the device heartbeats; 0 once " + StatusRules.MISSED_HEARTBEATS + " heartbeats in a row are missed.", null),
  DEVICE_ERROR("vigil_device_error_active", FamilyType.GAUGE, "1 while the device reports the error in the error label.", null);

  /** The order client_java writes families in: by name. */
  static final List<FleetFamily> BY_NAME = Arrays.stream(values()).sorted(Comparator.comparing(f -> f.name)).toList();

  final String name;
  final FamilyType type;
  final String help;
  final Unit unit;

  FleetFamily(String name, FamilyType type, String help, Unit unit) {
    this.name = name;
    this.type = type;
    this.help = help;
    this.unit = unit;
  }

  Gauges gauges() {
    return new Gauges(name, help, unit);
  }
}
