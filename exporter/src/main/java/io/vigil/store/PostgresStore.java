package io.vigil.store;

import io.vigil.config.StoreConfig;
import io.vigil.model.Delivery;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.Outage;
import io.vigil.model.JobState;
import io.vigil.model.UnparsedMail;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.PolledConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The store for replicas: a PostgreSQL database that several exporters share ({@link PostgresConnections}). A
 * commit has reached the server's disk when it returns (the server's {@code synchronous_commit}); writers take
 * turns ({@link PostgresWriter}) and number every state change, so each replica follows the others' writes
 * ({@link PostgresChangeListener}). {@link PostgresSchema} migrates the database when it is opened.
 */
public final class PostgresStore implements Store {
  /** Key columns, tenant first, as a {@link HistoryScope} narrows them. */

  private final PostgresConnections connections;
  private final PostgresWriter writer;
  private final StateCodec codec = new StateCodec();
  private final Duration lease;
  /** Names this replica's commits in their notifications. */
  private final String replica = UUID.randomUUID().toString();
  // Set once by onChanges; read by every scrape.
  private volatile PostgresChangeListener listener;

  private PostgresStore(PostgresConnections connections, Duration lease) {
    this.connections = connections;
    this.lease = lease;
    this.writer = new PostgresWriter(connections);
  }

  /** Connects (the database must be reachable) and brings the schema up to date. */
  public static PostgresStore open(StoreConfig config) throws StoreException {
    PostgresConnections connections = PostgresConnections.open(config);
    try (Connection connection = connections.borrow()) {
      PostgresSchema.migrate(connection, config.url());
      return new PostgresStore(connections, config.lease());
    } catch (SQLException e) {
      connections.close();
      throw new StoreException("cannot open the PostgreSQL store " + config.url() + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      connections.close();
      throw e;
    }
  }

  /**
   * Reads every current state and the number of the last change they hold from one snapshot of the database, so
   * following from that number misses nothing. Stops with a {@link HeapTooSmallException} as the SQLite store does.
   */
  @Override
  public Snapshot load() throws StoreException {
    List<JobState> jobs = new ArrayList<>();
    List<DeviceState> devices = new ArrayList<>();
    List<PolledConnector> connectors = new ArrayList<>();
    long sequence;
    try (Connection connection = connections.borrow()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try (Statement st = connection.createStatement()) {
        HeapGuard heap;
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM job_state WHERE state IS NOT NULL)"
            + " + (SELECT count(*) FROM device_state WHERE state IS NOT NULL),"
            + " greatest((SELECT max(seq) FROM job_state), (SELECT max(seq) FROM device_state),"
            + " (SELECT max(seq) FROM connector_poll), 0)")) {
          rs.next();
          heap = new HeapGuard(Runtime.getRuntime(), rs.getLong(1));
          sequence = rs.getLong(2);
        }
        StateRows.load(st, codec, heap, "state IS NOT NULL", jobs, devices, connectors);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot load state from " + connections.url() + ": " + e.getMessage(), e);
    }
    return new Snapshot(jobs, devices, connectors, sequence);
  }

  @Override
  public List<JobRun> runs(HistoryScope scope, Instant from, Instant to) throws StoreException {
    String sql = "SELECT " + HistoryRows.RUN_COLUMNS + " FROM job_run WHERE " + SqlRows.matching(scope)
        + " AND ended_at >= ? AND ended_at < ? ORDER BY ended_at, customer, device, job, run_id";
    return read("run history", sql, SqlRows.window(scope, from, to), HistoryRows::run);
  }

  @Override
  public List<ErrorEvent> events(HistoryScope scope, Instant from, Instant to) throws StoreException {
    if (scope.job() != null) {
      throw new IllegalArgumentException("error events belong to devices, not to job " + scope.job());
    }
    String sql = "SELECT " + HistoryRows.EVENT_COLUMNS + " FROM device_event WHERE " + SqlRows.matching(scope)
        + " AND at >= ? AND at < ? ORDER BY at, id";
    return read("error events", sql, SqlRows.window(scope, from, to), HistoryRows::event);
  }

  @Override
  public List<Outage> outages(HistoryScope scope, Instant from, Instant to) throws StoreException {
    return read("outages", HistoryRows.selectOutages(scope), SqlRows.window(scope, from, to), HistoryRows::outage);
  }

  @Override
  public List<Delivery> deliveries(Instant since) throws StoreException {
    return read("report deliveries", "SELECT " + DeliveryRows.COLUMNS + " FROM report_delivery WHERE updated_at >= ?",
        ps -> ps.setLong(1, since.toEpochMilli()), DeliveryRows::read);
  }

  @Override
  public List<UnparsedMail> unparsed(String tenant, int limit) throws StoreException {
    String sql = "SELECT message_id, received_at, sender, subject, reason, excerpt FROM unparsed_mail WHERE tenant = ?"
        + " ORDER BY received_at DESC, id DESC LIMIT ?";
    return read("unparsed mails", sql, ps -> {
      ps.setString(1, tenant);
      ps.setInt(2, limit);
    }, rs -> new UnparsedMail(tenant, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6)));
  }

  private <T> List<T> read(String what, String sql, SqlRows.Parameters parameters, SqlRows.Row<T> row) throws StoreException {
    try (Connection connection = connections.borrow(); PreparedStatement ps = connection.prepareStatement(sql)) {
      return SqlRows.all(ps, parameters, row);
    } catch (SQLException e) {
      throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * A row of the change query: seq, kind (job, device, connector), tenant, customer or connector, device, job, the
   * state or status (null when retired), the connector's last inventory.
   */
  static StateChange change(ResultSet rs, StateCodec codec) throws SQLException, StoreException {
    long seq = rs.getLong(1);
    String state = rs.getString(7);
    return switch (rs.getString(2)) {
      case "job" -> new StateChange.Job(seq, new JobKey(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
          state == null ? null : codec.job(state));
      case "device" -> new StateChange.Device(seq, new DeviceKey(rs.getString(3), rs.getString(4), rs.getString(5)),
          state == null ? null : codec.device(state));
      default -> new StateChange.Connector(seq, codec.polled(new ConnectorKey(rs.getString(3), rs.getString(4)), state, rs.getString(8)));
    };
  }

  /** True when the database holds no state and no history (the target of a migration must not). */
  boolean isEmpty() throws StoreException {
    try (Connection connection = connections.borrow(); Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM job_state) AND NOT EXISTS (SELECT 1 FROM device_state)"
            + " AND NOT EXISTS (SELECT 1 FROM job_run) AND NOT EXISTS (SELECT 1 FROM device_event)"
            + " AND NOT EXISTS (SELECT 1 FROM connector_poll)")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new StoreException("cannot read " + connections.url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Transaction begin() throws StoreException {
    writer.begin();
    return new PostgresTransaction(writer, codec, replica);
  }

  @Override
  public void onChanges(Runnable catchUp) {
    listener = new PostgresChangeListener(connections, replica, catchUp, lease);
  }

  /** Only once it follows the others ({@link #onChanges}) and while its listener holds the polling lease. */
  @Override
  public boolean leads() {
    PostgresChangeListener current = listener;
    return current != null && current.leads();
  }

  /** Why this replica may be behind the others: the database is unreachable, or the last catch-up has not succeeded. */
  @Override
  public Optional<String> fault() {
    PostgresChangeListener current = listener;
    return current == null ? Optional.empty() : current.fault();
  }

  @Override
  public void close() {
    PostgresChangeListener current = listener;
    if (current != null) {
      current.close();
    }
    connections.close();
  }
}
