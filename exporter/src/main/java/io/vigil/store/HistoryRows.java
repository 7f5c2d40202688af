package io.vigil.store;

import io.vigil.model.ClearedBy;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.Outage;
import io.vigil.model.UnparsedMail;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The history tables' columns, the same in every SQL store, and their rows read back as records. */
final class HistoryRows {
  static final String RUN_COLUMNS = "tenant, customer, device, job, run_id, result, started_at, ended_at, bytes, files, errors,"
      + " warnings, message, grace_s, product";
  static final String EVENT_COLUMNS = "tenant, customer, device, error, raised, at, message, cleared_by";

  static final String OUTAGE_COLUMNS = "tenant, customer, device, from_at, to_at";

  static final String INSERT_RUN = "INSERT INTO job_run (" + RUN_COLUMNS + ", received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  static final String INSERT_EVENT = "INSERT INTO device_event (" + EVENT_COLUMNS + ", received_at) VALUES (?,?,?,?,?,?,?,?,?)";
  static final String INSERT_OUTAGE = "INSERT INTO device_outage (" + OUTAGE_COLUMNS + ") VALUES (?,?,?,?,?)";
  /** Outages overlapping a window, after {@link SqlRows#matching}: the window's start, then its end. */
  static final String OUTAGES_OVERLAPPING = " AND to_at > ? AND from_at < ? ORDER BY from_at, customer, device";
  static final String COUNT_FAILED_RUNS = "SELECT count(*) FROM job_run WHERE tenant = ? AND customer = ? AND device = ? AND job = ?"
      + " AND result = 'FAILED' AND ended_at >= ?";
  static final String INSERT_UNPARSED = "INSERT INTO unparsed_mail (tenant, message_id, received_at, sender, subject, reason, excerpt)"
      + " VALUES (?,?,?,?,?,?,?)";

  private HistoryRows() {}

  /** Binds {@link #INSERT_RUN}'s parameters. */
  static void bindRun(PreparedStatement ps, JobRun run, Instant receivedAt) throws SQLException {
    bindJobKey(ps, run.key());
    ps.setString(5, run.runId());
    ps.setString(6, run.result().name());
    ps.setLong(7, run.startedAt().toEpochMilli());
    ps.setLong(8, run.endedAt().toEpochMilli());
    ps.setLong(9, run.bytes());
    ps.setLong(10, run.files());
    ps.setLong(11, run.errors());
    ps.setLong(12, run.warnings());
    ps.setString(13, run.message());
    if (run.grace() == null) {
      ps.setNull(14, Types.BIGINT);
    } else {
      ps.setLong(14, run.grace().toSeconds());
    }
    ps.setString(15, run.product());
    ps.setLong(16, receivedAt.toEpochMilli());
  }

  /** Binds {@link #INSERT_EVENT}'s parameters; the error and who cleared it are stored as their labels. */
  static void bindEvent(PreparedStatement ps, ErrorEvent event, Instant receivedAt) throws SQLException {
    bindDeviceKey(ps, event.key());
    ps.setString(4, event.error().label());
    ps.setInt(5, event.raised() ? 1 : 0);
    ps.setLong(6, event.at().toEpochMilli());
    ps.setString(7, event.message());
    ps.setString(8, event.clearedBy().label());
    ps.setLong(9, receivedAt.toEpochMilli());
  }

  /** Binds {@link #INSERT_OUTAGE}'s parameters. */
  static void bindOutage(PreparedStatement ps, Outage outage) throws SQLException {
    bindDeviceKey(ps, outage.key());
    ps.setLong(4, outage.from().toEpochMilli());
    ps.setLong(5, outage.to().toEpochMilli());
  }

  /** Binds {@link #INSERT_UNPARSED}'s parameters. */
  static void bindUnparsed(PreparedStatement ps, UnparsedMail mail) throws SQLException {
    ps.setString(1, mail.tenant());
    ps.setString(2, mail.messageId());
    ps.setLong(3, mail.receivedAt().toEpochMilli());
    ps.setString(4, mail.from());
    ps.setString(5, mail.subject());
    ps.setString(6, mail.reason());
    ps.setString(7, mail.excerpt());
  }

  /** Binds the key to the first parameters; returns the index of the next one. */
  static int bindJobKey(PreparedStatement ps, JobKey key) throws SQLException {
    ps.setString(1, key.tenant());
    ps.setString(2, key.customer());
    ps.setString(3, key.device());
    ps.setString(4, key.job());
    return 5;
  }

  static int bindDeviceKey(PreparedStatement ps, DeviceKey key) throws SQLException {
    ps.setString(1, key.tenant());
    ps.setString(2, key.customer());
    ps.setString(3, key.device());
    return 4;
  }

  /** A row of {@link #RUN_COLUMNS}. */
  static JobRun run(ResultSet rs) throws SQLException {
    long grace = rs.getLong(14);
    Duration graceOrNull = rs.wasNull() ? null : Duration.ofSeconds(grace);
    return new JobRun(new JobKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), rs.getString(5),
        JobResult.valueOf(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
        rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getString(13), graceOrNull, rs.getString(15));
  }

  /** The outages of a customer or device overlapping a window (whole, not clipped); bound by {@link SqlRows#window}. */
  static String selectOutages(HistoryScope scope) {
    if (scope.job() != null) {
      throw new IllegalArgumentException("outages belong to devices, not to job " + scope.job());
    }
    return "SELECT " + OUTAGE_COLUMNS + " FROM device_outage WHERE " + SqlRows.matching(scope) + OUTAGES_OVERLAPPING;
  }

  /** A row of {@link #OUTAGE_COLUMNS}. */
  static Outage outage(ResultSet rs) throws SQLException {
    return new Outage(new DeviceKey(rs.getString(1), rs.getString(2), rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)));
  }

  /** A row of {@link #EVENT_COLUMNS}. */
  static ErrorEvent event(ResultSet rs) throws SQLException {
    // Stored as labels, which are the names in lower case.
    return new ErrorEvent(new DeviceKey(rs.getString(1), rs.getString(2), rs.getString(3)),
        DeviceError.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getInt(5) == 1, Instant.ofEpochMilli(rs.getLong(6)),
        rs.getString(7), ClearedBy.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)));
  }
}
