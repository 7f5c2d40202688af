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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writes of one {@link PostgresStore} transaction, on the writer's connection. Each change of a current state
 * takes the next change number; the commit notifies the other replicas.
 */
final class PostgresTransaction implements Transaction {
  private static final String INSERT_RUN = HistoryRows.INSERT_RUN + " ON CONFLICT DO NOTHING";
  private static final String INSERT_UNPARSED = HistoryRows.INSERT_UNPARSED + " ON CONFLICT DO NOTHING";
  static final String CHANNEL = "vigil_changes";

  private final PostgresWriter writer;
  private final StateCodec codec;
  private final String replica;
  private long sequence;
  private boolean changed;

  /** {@code replica} names the replica in the commit's notification, so its own listener skips it. */
  PostgresTransaction(PostgresWriter writer, StateCodec codec, String replica) {
    this.writer = writer;
    this.codec = codec;
    this.replica = replica;
  }

  @Override
  public boolean insertRun(JobRun run, Instant receivedAt) throws StoreException {
    return update("store a run", INSERT_RUN, ps -> HistoryRows.bindRun(ps, run, receivedAt)) == 1;
  }

  @Override
  public void insertEvent(ErrorEvent event, Instant receivedAt) throws StoreException {
    update("store an event", HistoryRows.INSERT_EVENT, ps -> HistoryRows.bindEvent(ps, event, receivedAt));
  }

  /** Kept once per device and start: a heartbeat sent again ends the same outage. */
  @Override
  public void insertOutage(Outage outage) throws StoreException {
    update("store an outage", HistoryRows.INSERT_OUTAGE + " ON CONFLICT DO NOTHING", ps -> HistoryRows.bindOutage(ps, outage));
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
      throw new StoreException("cannot count a job's failed runs: " + e.getMessage(), e);
    }
  }

  @Override
  public void putJob(JobState job) throws StoreException {
    String document = codec.encode(job);
    change("store job state", "INSERT INTO job_state (tenant, customer, device, job, state, seq) VALUES (?,?,?,?,?, nextval('change_seq'))"
        + " ON CONFLICT (tenant, customer, device, job) DO UPDATE SET state = excluded.state, seq = excluded.seq RETURNING seq",
        ps -> ps.setString(HistoryRows.bindJobKey(ps, job.key()), document));
  }

  @Override
  public void putDevice(DeviceState device) throws StoreException {
    String document = codec.encode(device);
    change("store device state", "INSERT INTO device_state (tenant, customer, device, state, seq) VALUES (?,?,?,?, nextval('change_seq'))"
        + " ON CONFLICT (tenant, customer, device) DO UPDATE SET state = excluded.state, seq = excluded.seq RETURNING seq",
        ps -> ps.setString(HistoryRows.bindDeviceKey(ps, device.key()), document));
  }

  @Override
  public void putConnector(PolledConnector polled) throws StoreException {
    String status = codec.encode(polled.status());
    String lastGood = polled.lastGood() == null ? null : codec.encode(polled.lastGood());
    change("store a connector's poll", "INSERT INTO connector_poll (tenant, connector, status, last_good, seq)"
        + " VALUES (?,?,?,?, nextval('change_seq')) ON CONFLICT (tenant, connector) DO UPDATE SET status = excluded.status,"
        + " last_good = coalesce(excluded.last_good, connector_poll.last_good), seq = excluded.seq RETURNING seq", ps -> {
          ps.setString(1, polled.key().tenant());
          ps.setString(2, polled.key().connector());
          ps.setString(3, status);
          ps.setString(4, lastGood);
        });
  }

  /** Keeps the row with no state, numbered as a change, so the other replicas retire it too. */
  @Override
  public void deleteJob(JobKey key) throws StoreException {
    change("retire a job", "UPDATE job_state SET state = NULL, seq = nextval('change_seq')"
        + " WHERE tenant = ? AND customer = ? AND device = ? AND job = ? AND state IS NOT NULL RETURNING seq", ps -> HistoryRows.bindJobKey(ps, key));
  }

  @Override
  public void deleteDevice(DeviceKey key) throws StoreException {
    change("retire a device", "UPDATE device_state SET state = NULL, seq = nextval('change_seq')"
        + " WHERE tenant = ? AND customer = ? AND device = ? AND state IS NOT NULL RETURNING seq", ps -> HistoryRows.bindDeviceKey(ps, key));
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
  public boolean insertUnparsed(UnparsedMail mail, int keep) throws StoreException {
    boolean kept = update("keep an unparsed mail", INSERT_UNPARSED,
        ps -> HistoryRows.bindUnparsed(ps, mail)) == 1;
    update("drop the oldest unparsed mails", "DELETE FROM unparsed_mail WHERE tenant = ? AND id NOT IN (SELECT id FROM"
        + " unparsed_mail WHERE tenant = ? ORDER BY received_at DESC, id DESC LIMIT ?)", ps -> {
          ps.setString(1, mail.tenant());
          ps.setString(2, mail.tenant());
          ps.setInt(3, keep);
        });
    return kept;
  }

  /** Writers take turns (the writer lock), so a delivery read and then put in one transaction is a claim here too. */
  @Override
  public Optional<Delivery> delivery(DeliveryKey key) throws StoreException {
    String sql = "SELECT " + DeliveryRows.COLUMNS + " FROM report_delivery WHERE " + DeliveryRows.BY_KEY;
    try {
      PreparedStatement ps = writer.statement(sql);
      List<Delivery> found = SqlRows.all(ps, p -> DeliveryRows.bindKey(p, key), DeliveryRows::read);
      return found.stream().findFirst();
    } catch (SQLException e) {
      throw new StoreException("cannot read a report delivery: " + e.getMessage(), e);
    }
  }

  @Override
  public void putDelivery(Delivery delivery) throws StoreException {
    update("store a report delivery", "INSERT INTO report_delivery (" + DeliveryRows.COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)"
        + " ON CONFLICT (tenant, report, subject, period) DO UPDATE SET state = excluded.state, attempts = excluded.attempts,"
        + " until_at = excluded.until_at, sent_at = excluded.sent_at, last_error = excluded.last_error,"
        + " updated_at = excluded.updated_at", ps -> DeliveryRows.bind(ps, delivery));
  }

  @Override
  public List<StateChange> changesAfter(long after) throws StoreException {
    String sql = "SELECT seq, 'job', tenant, customer, device, job, state, NULL FROM job_state WHERE seq > ?"
        + " UNION ALL SELECT seq, 'device', tenant, customer, device, NULL, state, NULL FROM device_state WHERE seq > ?"
        + " UNION ALL SELECT seq, 'connector', tenant, connector, NULL, NULL, status, last_good FROM connector_poll WHERE seq > ?"
        + " ORDER BY 1";
    List<StateChange> changes = new ArrayList<>();
    try {
      PreparedStatement ps = writer.statement(sql);
      ps.setLong(1, after);
      ps.setLong(2, after);
      ps.setLong(3, after);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          changes.add(PostgresStore.change(rs, codec));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the other replicas' changes: " + e.getMessage(), e);
    }
    sequence = changes.isEmpty() ? Math.max(sequence, after) : changes.get(changes.size() - 1).sequence();
    return changes;
  }

  @Override
  public long sequence() {
    return sequence;
  }

  @Override
  public void commit() throws StoreException {
    try {
      if (changed) {
        // Delivered at the commit, to every replica that listens.
        PreparedStatement ps = writer.statement("SELECT pg_notify('" + CHANNEL + "', ?)");
        ps.setString(1, replica);
        ps.execute();
      }
      writer.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot commit to " + writer.url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    writer.end();
  }

  /** Runs a state change and keeps the number it got. */
  private void change(String what, String sql, Binder binder) throws StoreException {
    try {
      PreparedStatement ps = writer.statement(sql);
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          sequence = rs.getLong(1);
          changed = true;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private int update(String what, String sql, Binder binder) throws StoreException {
    try {
      PreparedStatement ps = writer.statement(sql);
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
