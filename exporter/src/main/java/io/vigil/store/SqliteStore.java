package io.vigil.store;

import io.vigil.model.ClearedBy;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.UnparsedMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit has reached
 * the disk when it returns ({@link SqliteConnections}). One connection writes ({@link SqliteTransaction}), another
 * reads; {@link SqliteSchema} checks and migrates the file when it is opened.
 */
public final class SqliteStore implements Store {
  static final String FILE_NAME = "vigil.db";
  /** Key columns, tenant first, as a {@link HistoryScope} narrows them. */
  private static final List<String> KEY_COLUMNS = List.of("tenant", "customer", "device", "job");

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
    synchronized (reader) {
      try (Statement st = reader.createStatement()) {
        HeapGuard heap;
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM job_state) + (SELECT count(*) FROM device_state)")) {
          heap = new HeapGuard(Runtime.getRuntime(), rs.next() ? rs.getLong(1) : 0);
        }
        try {
          try (ResultSet rs = st.executeQuery("SELECT state FROM job_state")) {
            while (rs.next()) {
              jobs.add(codec.job(rs.getString(1)));
              heap.loaded();
            }
          }
          try (ResultSet rs = st.executeQuery("SELECT state FROM device_state")) {
            while (rs.next()) {
              devices.add(codec.device(rs.getString(1)));
              heap.loaded();
            }
          }
        } catch (OutOfMemoryError e) {
          jobs.clear();
          devices.clear();
          throw heap.outOfMemory();
        }
      } catch (SQLException e) {
        throw new StoreException("cannot load state from " + file + ": " + e.getMessage(), e);
      } catch (HeapTooSmallException e) {
        throw e;
      } catch (StoreException e) {
        throw new StoreException("cannot load state from " + file + ": " + e.getMessage() + ". " + SqliteSchema.ADVICE, e);
      }
    }
    return new Snapshot(jobs, devices);
  }

  /**
   * Found through the primary key (tenant, customer, device, job, run_id) and filtered by end time: there is no
   * index by end time, which would make every stored run dirty one more page per commit.
   */
  @Override
  public List<JobRun> runs(HistoryScope scope, Instant from, Instant to) throws StoreException {
    String sql = "SELECT tenant, customer, device, job, run_id, result, started_at, ended_at, bytes, files, errors, warnings,"
        + " message, grace_s, product FROM job_run WHERE " + matching(scope) + " AND ended_at >= ? AND ended_at < ?"
        + " ORDER BY ended_at, customer, device, job, run_id";
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        bindWindow(ps, scope, from, to);
        List<JobRun> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long grace = rs.getLong(14);
            Duration graceOrNull = rs.wasNull() ? null : Duration.ofSeconds(grace);
            runs.add(new JobRun(new JobKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), rs.getString(5),
                JobResult.valueOf(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getString(13), graceOrNull, rs.getString(15)));
          }
        }
        return runs;
      } catch (SQLException e) {
        throw new StoreException("cannot read run history: " + e.getMessage(), e);
      }
    }
  }

  /** Found through the index by time; the table is small next to the runs. */
  @Override
  public List<ErrorEvent> events(HistoryScope scope, Instant from, Instant to) throws StoreException {
    if (scope.job() != null) {
      throw new IllegalArgumentException("error events belong to devices, not to job " + scope.job());
    }
    String sql = "SELECT tenant, customer, device, error, raised, at, message, cleared_by FROM device_event WHERE "
        + matching(scope) + " AND at >= ? AND at < ? ORDER BY at, rowid";
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        bindWindow(ps, scope, from, to);
        List<ErrorEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            // Stored as labels, which are the names in lower case.
            events.add(new ErrorEvent(new DeviceKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                DeviceError.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getInt(5) == 1, Instant.ofEpochMilli(rs.getLong(6)),
                rs.getString(7), ClearedBy.valueOf(rs.getString(8).toUpperCase(Locale.ROOT))));
          }
        }
        return events;
      } catch (SQLException e) {
        throw new StoreException("cannot read error events: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public List<UnparsedMail> unparsed(String tenant, int limit) throws StoreException {
    String sql = "SELECT message_id, received_at, sender, subject, reason, excerpt FROM unparsed_mail WHERE tenant = ?"
        + " ORDER BY received_at DESC, rowid DESC LIMIT ?";
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        ps.setString(1, tenant);
        ps.setInt(2, limit);
        List<UnparsedMail> mails = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            mails.add(new UnparsedMail(tenant, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)));
          }
        }
        return mails;
      } catch (SQLException e) {
        throw new StoreException("cannot read unparsed mails: " + e.getMessage(), e);
      }
    }
  }

  private static String matching(HistoryScope scope) {
    return String.join(" AND ", KEY_COLUMNS.subList(0, scope.levels().size()).stream().map(column -> column + " = ?").toList());
  }

  private static void bindWindow(PreparedStatement ps, HistoryScope scope, Instant from, Instant to) throws SQLException {
    List<String> levels = scope.levels();
    for (int i = 0; i < levels.size(); i++) {
      ps.setString(i + 1, levels.get(i));
    }
    ps.setLong(levels.size() + 1, from.toEpochMilli());
    ps.setLong(levels.size() + 2, to.toEpochMilli());
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
