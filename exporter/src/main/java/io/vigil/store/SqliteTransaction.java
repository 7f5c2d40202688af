package io.vigil.store;

import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.model.UnparsedMail;
import io.vigil.poll.PolledConnector;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The writes of one {@link SqliteStore} transaction, on the writer's connection. */
final class SqliteTransaction implements Transaction {
  private static final String INSERT_RUN = HistoryRows.INSERT_RUN.replace("INSERT INTO", "INSERT OR IGNORE INTO");
  private static final String INSERT_UNPARSED = HistoryRows.INSERT_UNPARSED.replace("INSERT INTO", "INSERT OR IGNORE INTO");
  private final SqliteWriter writer;
  private final StateCodec codec;
  private final StoreFiles files;
  private boolean done;

  SqliteTransaction(SqliteWriter writer, StateCodec codec, StoreFiles files) {
    this.writer = writer;
    this.codec = codec;
    this.files = files;
  }

  @Override
  public boolean insertRun(JobRun run, Instant receivedAt) throws StoreException {
    return update("store a run", INSERT_RUN,
        ps -> HistoryRows.bindRun(ps, run, receivedAt)) == 1;
  }

  @Override
  public void insertEvent(ErrorEvent event, Instant receivedAt) throws StoreException {
    update("store an event", HistoryRows.INSERT_EVENT, ps -> HistoryRows.bindEvent(ps, event, receivedAt));
  }

  /** Kept once per device and start: a heartbeat sent again ends the same outage. */
  @Override
  public void insertOutage(Outage outage) throws StoreException {
    update("store an outage", HistoryRows.INSERT_OUTAGE.replace("INSERT INTO", "INSERT OR IGNORE INTO"), ps -> HistoryRows.bindOutage(ps, outage));
  }

  @Override
  public long failedRunsAfter(JobKey key, Instant from) throws StoreException {
    String sql = HistoryRows.COUNT_FAILED_RUNS;
    try {
      PreparedStatement ps = writer.statement(sql);
      HistoryRows.bindJobKey(ps, key);
      ps.setLong(5, from.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      writer.forget(sql);
      throw new StoreException("cannot count a job's failed runs: " + e.getMessage(), e);
    }
  }

  @Override
  public void putJob(JobState job) throws StoreException {
    put("store job state", "INSERT OR REPLACE INTO job_state (tenant, customer, device, job, state) VALUES (?,?,?,?,?)", job,
        ps -> HistoryRows.bindJobKey(ps, job.key()));
  }

  @Override
  public void putDevice(DeviceState device) throws StoreException {
    put("store device state", "INSERT OR REPLACE INTO device_state (tenant, customer, device, state) VALUES (?,?,?,?)", device,
        ps -> HistoryRows.bindDeviceKey(ps, device.key()));
  }

  @Override
  public void putConnector(PolledConnector polled) throws StoreException {
    String status = codec.encode(polled.status());
    String lastGood = polled.lastGood() == null ? null : codec.encode(polled.lastGood());
    update("store a connector's poll", "INSERT INTO connector_poll (tenant, connector, status, last_good) VALUES (?,?,?,?)"
        + " ON CONFLICT (tenant, connector) DO UPDATE SET status = excluded.status,"
        + " last_good = coalesce(excluded.last_good, connector_poll.last_good)", ps -> {
          ps.setString(1, polled.key().tenant());
          ps.setString(2, polled.key().connector());
          ps.setString(3, status);
          ps.setString(4, lastGood);
        });
  }

  /** Stores a state document after its key. */
  private void put(String what, String sql, Object state, KeyBinder key) throws StoreException {
    String document = codec.encode(state);
    update(what, sql, ps -> ps.setString(key.bind(ps), document));
  }

  @Override
  public void deleteJob(JobKey key) throws StoreException {
    update("retire a job", "DELETE FROM job_state WHERE tenant = ? AND customer = ? AND device = ? AND job = ?",
        ps -> HistoryRows.bindJobKey(ps, key));
  }

  @Override
  public void deleteDevice(DeviceKey key) throws StoreException {
    update("retire a device", "DELETE FROM device_state WHERE tenant = ? AND customer = ? AND device = ?",
        ps -> HistoryRows.bindDeviceKey(ps, key));
  }

  @Override
  public boolean insertUnparsed(UnparsedMail mail, int keep) throws StoreException {
    boolean kept = update("keep an unparsed mail", INSERT_UNPARSED,
        ps -> HistoryRows.bindUnparsed(ps, mail)) == 1;
    update("drop the oldest unparsed mails", "DELETE FROM unparsed_mail WHERE tenant = ? AND rowid NOT IN (SELECT rowid FROM"
        + " unparsed_mail WHERE tenant = ? ORDER BY received_at DESC, rowid DESC LIMIT ?)", ps -> {
          ps.setString(1, mail.tenant());
          ps.setString(2, mail.tenant());
          ps.setInt(3, keep);
        });
    return kept;
  }

  @Override
  public int pruneHistory(Instant cutoff) throws StoreException {
    long millis = cutoff.toEpochMilli();
    return update("prune runs", "DELETE FROM job_run WHERE ended_at < ?", ps -> ps.setLong(1, millis))
        + update("prune events", "DELETE FROM device_event WHERE at < ?", ps -> ps.setLong(1, millis))
        + update("prune outages", "DELETE FROM device_outage WHERE to_at < ?", ps -> ps.setLong(1, millis))
        + update("prune deliveries", "DELETE FROM report_delivery WHERE updated_at < ?", ps -> ps.setLong(1, millis));
  }

  @Override
  public Optional<Delivery> delivery(DeliveryKey key) throws StoreException {
    String sql = "SELECT " + DeliveryRows.COLUMNS + " FROM report_delivery WHERE " + DeliveryRows.BY_KEY;
    try {
      PreparedStatement ps = writer.statement(sql);
      DeliveryRows.bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(DeliveryRows.read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      writer.forget(sql);
      throw new StoreException("cannot read a report delivery: " + e.getMessage(), e);
    }
  }

  @Override
  public void putDelivery(Delivery delivery) throws StoreException {
    update("store a report delivery", "INSERT OR REPLACE INTO report_delivery (" + DeliveryRows.COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
        ps -> DeliveryRows.bind(ps, delivery));
  }

  /**
   * Checks before and after committing that the commit goes to the files the next start opens; when they
   * were deleted or replaced it counts as failed (nothing acknowledged).
   */
  @Override
  public void commit() throws StoreException {
    refuseIfMoved();
    try {
      writer.commit();
      done = true;
    } catch (SQLException e) {
      throw new StoreException("cannot commit to " + writer.file() + ": " + e.getMessage(), e);
    }
    refuseIfMoved();
  }

  private void refuseIfMoved() throws StoreException {
    Optional<String> fault = files.faultOnCommit();
    if (fault.isPresent()) {
      throw new StoreException(fault.get(), null);
    }
  }

  @Override
  public void close() {
    if (!done) {
      done = true;
      writer.rollback();
    }
  }

  private int update(String what, String sql, Binder binder) throws StoreException {
    try {
      PreparedStatement ps = writer.statement(sql);
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      writer.forget(sql);
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface KeyBinder {
    int bind(PreparedStatement ps) throws SQLException;
  }
}
