package io.vigil.store;

import io.vigil.model.ClearedBy;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The history tables' columns, the same in every SQL store, and their rows read back as records. */
final class HistoryRows {
  static final String RUN_COLUMNS = "tenant, customer, device, job, run_id, result, started_at, ended_at, bytes, files, errors,"
      + " warnings, message, grace_s, product";
  static final String EVENT_COLUMNS = "tenant, customer, device, error, raised, at, message, cleared_by";

  private HistoryRows() {}

  /** A row of {@link #RUN_COLUMNS}. */
  static JobRun run(ResultSet rs) throws SQLException {
    long grace = rs.getLong(14);
    Duration graceOrNull = rs.wasNull() ? null : Duration.ofSeconds(grace);
    return new JobRun(new JobKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), rs.getString(5),
        JobResult.valueOf(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
        rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getString(13), graceOrNull, rs.getString(15));
  }

  /** A row of {@link #EVENT_COLUMNS}. */
  static ErrorEvent event(ResultSet rs) throws SQLException {
    // Stored as labels, which are the names in lower case.
    return new ErrorEvent(new DeviceKey(rs.getString(1), rs.getString(2), rs.getString(3)),
        DeviceError.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getInt(5) == 1, Instant.ofEpochMilli(rs.getLong(6)),
        rs.getString(7), ClearedBy.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)));
  }
}
