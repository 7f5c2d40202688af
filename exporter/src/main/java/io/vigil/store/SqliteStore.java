package io.vigil.store;

import io.vigil.model.Delivery;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobRun;
import io.vigil.model.Outage;
import io.vigil.model.JobState;
import io.vigil.poll.PolledConnector;
import io.vigil.model.UnparsedMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit has reached
 * the disk when it returns ({@link SqliteConnections}). One connection writes ({@link SqliteTransaction}), another
 * reads; {@link SqliteSchema} checks and migrates the file when it is opened.
 */
public final class SqliteStore implements Store {
  static final String FILE_NAME = "vigil.db";
  /** Key columns, tenant first, as a {@link HistoryScope} narrows them. */

  private final Path file;
  private final Connection reader;
  private final SqliteWriter writer;
  private final Checkpointer checkpointer;
  private final StoreFiles files;
  private final StateCodec codec = new StateCodec();

  private SqliteStore(Path file, SqliteWriter writer, Connection reader, Checkpointer checkpointer, StoreFiles files) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.checkpointer = checkpointer;
    this.files = files;
  }

  /**
   * Opens the store in the data directory, or creates an empty one when it has no store file yet.
   * An existing file is checked first ({@code PRAGMA quick_check}): a damaged, foreign or newer
   * file is an error naming the file, never replaced by an empty store; so are an empty file and a
   * damaged write-ahead log ({@link DamagedFiles}).
   */
  public static SqliteStore open(Path dataDir) throws StoreException {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    if (!Files.isWritable(dataDir)) {
      throw new StoreException("the data directory " + dataDir.toAbsolutePath()
          + " is not writable (read-only file system or permissions); Vigil keeps its store " + FILE_NAME + " there", null);
    }
    DamagedFiles.check(file);
    boolean existed = Files.exists(file);
    SqliteConnections connections = new SqliteConnections(file);
    Connection writer = null;
    Connection reader = null;
    Connection checkpoints = null;
    try {
      writer = connections.open();
      if (existed) {
        SqliteSchema.quickCheck(writer, file);
      }
      SqliteSchema.migrate(writer, file);
      SqliteConnections.makeWriter(writer);
      reader = connections.open();
      checkpoints = connections.open();
      StoreFiles files = StoreFiles.opened(file);
      return new SqliteStore(file, new SqliteWriter(connections, writer), reader, new Checkpointer(checkpoints), files);
    } catch (SQLException e) {
      SqliteConnections.closeQuietly(writer, reader, checkpoints);
      throw new StoreException("cannot open the store " + file + ": " + e.getMessage()
          + (existed ? " (is it a Vigil store?). " + SqliteSchema.ADVICE : ""), e);
    } catch (StoreException e) {
      SqliteConnections.closeQuietly(writer, reader, checkpoints);
      throw e;
    }
  }

  /** Stops with a {@link HeapTooSmallException} naming the -Xmx to use when the state would not fit in the heap. */
  @Override
  public Snapshot load() throws StoreException {
    List<JobState> jobs = new ArrayList<>();
    List<DeviceState> devices = new ArrayList<>();
    List<PolledConnector> connectors = new ArrayList<>();
    synchronized (reader) {
      try (Statement st = reader.createStatement()) {
        HeapGuard heap;
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM job_state) + (SELECT count(*) FROM device_state)")) {
          heap = new HeapGuard(Runtime.getRuntime(), rs.next() ? rs.getLong(1) : 0);
        }
        StateRows.load(st, codec, heap, "TRUE", jobs, devices, connectors);
      } catch (SQLException e) {
        throw new StoreException("cannot load state from " + file + ": " + e.getMessage(), e);
      } catch (HeapTooSmallException e) {
        throw e;
      } catch (StoreException e) {
        throw new StoreException("cannot load state from " + file + ": " + e.getMessage() + ". " + SqliteSchema.ADVICE, e);
      }
    }
    return new Snapshot(jobs, devices, connectors, 0);
  }

  /**
   * Found through the primary key (tenant, customer, device, job, run_id) and filtered by end time: there is no
   * index by end time, which would make every stored run dirty one more page per commit.
   */
  @Override
  public List<JobRun> runs(HistoryScope scope, Instant from, Instant to) throws StoreException {
    String sql = "SELECT " + HistoryRows.RUN_COLUMNS + " FROM job_run WHERE " + SqlRows.matching(scope) + " AND ended_at >= ? AND ended_at < ?"
        + " ORDER BY ended_at, customer, device, job, run_id";
    return read("run history", sql, SqlRows.window(scope, from, to), HistoryRows::run);
  }

  /** Found through the index by time; the table is small next to the runs. */
  @Override
  public List<ErrorEvent> events(HistoryScope scope, Instant from, Instant to) throws StoreException {
    if (scope.job() != null) {
      throw new IllegalArgumentException("error events belong to devices, not to job " + scope.job());
    }
    String sql = "SELECT " + HistoryRows.EVENT_COLUMNS + " FROM device_event WHERE " + SqlRows.matching(scope)
        + " AND at >= ? AND at < ? ORDER BY at, rowid";
    return read("error events", sql, SqlRows.window(scope, from, to), HistoryRows::event);
  }

  private <T> List<T> read(String what, String sql, SqlRows.Parameters parameters, SqlRows.Row<T> row) throws StoreException {
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        return SqlRows.all(ps, parameters, row);
      } catch (SQLException e) {
        throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
      }
    }
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
        + " ORDER BY received_at DESC, rowid DESC LIMIT ?";
    return read("unparsed mails", sql, ps -> {
      ps.setString(1, tenant);
      ps.setInt(2, limit);
    }, rs -> new UnparsedMail(tenant, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6)));
  }

  /**
   * Every stored run and event with the time it was received, then every outage, runs first, each oldest first: what
   * {@code migrate-store} copies to another store.
   */
  void history(HistorySink sink) throws StoreException {
    String runs = "SELECT " + HistoryRows.RUN_COLUMNS + ", received_at FROM job_run ORDER BY ended_at";
    String events = "SELECT " + HistoryRows.EVENT_COLUMNS + ", received_at FROM device_event ORDER BY at, rowid";
    String outages = "SELECT " + HistoryRows.OUTAGE_COLUMNS + " FROM device_outage ORDER BY from_at";
    synchronized (reader) {
      try (Statement st = reader.createStatement()) {
        try (ResultSet rs = st.executeQuery(runs)) {
          while (rs.next()) {
            sink.run(HistoryRows.run(rs), Instant.ofEpochMilli(rs.getLong(16)));
          }
        }
        try (ResultSet rs = st.executeQuery(events)) {
          while (rs.next()) {
            sink.event(HistoryRows.event(rs), Instant.ofEpochMilli(rs.getLong(9)));
          }
        }
        try (ResultSet rs = st.executeQuery(outages)) {
          while (rs.next()) {
            sink.outage(HistoryRows.outage(rs));
          }
        }
      } catch (SQLException e) {
        throw new StoreException("cannot read the history of " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Where {@link #history} sends each row. */
  interface HistorySink {
    void run(JobRun run, Instant receivedAt) throws StoreException;

    void event(ErrorEvent event, Instant receivedAt) throws StoreException;

    void outage(Outage outage) throws StoreException;
  }

  @Override
  public Transaction begin() throws StoreException {
    writer.reopenIfDropped();
    return new SqliteTransaction(writer, codec, files);
  }

  @Override
  public Optional<String> fault() {
    return files.fault();
  }

  @Override
  public void close() {
    checkpointer.close();
    SqliteConnections.closeQuietly(reader);
    writer.close();
  }
}
