package io.vigil.store;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * commit has reached the disk when it returns. One connection writes, another reads.
 */
public final class SqliteStore implements Store {
  static final String FILE_NAME = "vigil.db";
  private static final List<String> MIGRATIONS = List.of("V1__schema.sql", "V2__drop_run_end_index.sql");
  private static final String ADVICE = "Vigil did not start, so as not to write over it. Restore the file from a backup,"
      + " or move it (with any -wal file beside it) out of the data directory to start with an empty store.";

  private final Path file;
  private final SQLiteConfig config;
  private final Connection reader;
  private final Checkpointer checkpointer;
  private final StoreFiles files;
  // Null after a transaction could not be rolled back; the next begin() opens a new one.
  private Connection writer;
  private final StateCodec codec = new StateCodec();
  /** The writer's statements by SQL, prepared once: only the writer thread uses them. */
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  private SqliteStore(Path file, SQLiteConfig config, Connection writer, Connection reader, Checkpointer checkpointer,
      StoreFiles files) {
    this.file = file;
    this.config = config;
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
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    // Each INSERT would otherwise run a "SELECT last_insert_rowid()" for getGeneratedKeys(), which nothing here uses.
    config.setGetGeneratedKeys(false);
    Connection writer = null;
    Connection reader = null;
    Connection checkpoints = null;
    try {
      writer = connect(config, file);
      if (existed) {
        quickCheck(writer, file);
      }
      migrate(writer, file);
      tune(writer);
      writer.setAutoCommit(false);
      reader = connect(config, file);
      checkpoints = connect(config, file);
      StoreFiles files = StoreFiles.opened(file);
      return new SqliteStore(file, config, writer, reader, new Checkpointer(checkpoints), files);
    } catch (SQLException e) {
      closeQuietly(writer, reader, checkpoints);
      throw new StoreException("cannot open the store " + file + ": " + e.getMessage()
          + (existed ? " (is it a Vigil store?). " + ADVICE : ""), e);
    } catch (StoreException e) {
      closeQuietly(writer, reader, checkpoints);
      throw e;
    }
  }

  private static Connection connect(SQLiteConfig config, Path file) throws SQLException {
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static void quickCheck(Connection connection, Path file) throws SQLException, StoreException {
    List<String> problems = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
      while (rs.next()) {
        problems.add(rs.getString(1));
      }
    }
    if (!problems.equals(List.of("ok"))) {
      throw new StoreException("the store " + file + " is damaged (SQLite quick_check: " + String.join("; ", problems) + "). "
          + ADVICE, null);
    }
  }

  /**
   * Writer settings that keep every commit durable (synchronous stays FULL): a page cache that holds
   * the hot part of the state tables, so inserts do not re-read pages, and a WAL checkpointed by the
   * writer only at 64 MiB instead of 4 MiB (the {@link Checkpointer} copies pages in between), so a
   * page changed by many groups is copied into the database once.
   */
  private static void tune(Connection writer) throws SQLException {
    try (Statement st = writer.createStatement()) {
      st.execute("PRAGMA cache_size = -65536");
      st.execute("PRAGMA wal_autocheckpoint = 16384");
    }
  }

  private static void migrate(Connection connection, Path file) throws SQLException, StoreException {
    int version;
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > MIGRATIONS.size()) {
      throw new StoreException("the store " + file + " has schema version " + version + ", newer than this exporter knows ("
          + MIGRATIONS.size() + "): it was written by a newer Vigil. Run that version, or restore a backup made by this one.",
          null);
    }
    for (int v = version; v < MIGRATIONS.size(); v++) {
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String sql : statements(MIGRATIONS.get(v))) {
          st.executeUpdate(sql);
        }
        st.executeUpdate("PRAGMA user_version = " + (v + 1));
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static List<String> statements(String resource) throws SQLException {
    try (InputStream in = SqliteStore.class.getResourceAsStream("/db/" + resource)) {
      if (in == null) {
        throw new SQLException("migration " + resource + " is missing from the jar");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
      List<String> result = new ArrayList<>();
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          result.add(sql.strip());
        }
      }
      return result;
    } catch (IOException e) {
      throw new SQLException("cannot read migration " + resource, e);
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
        throw new StoreException("cannot load state from " + file + ": " + e.getMessage() + ". " + ADVICE, e);
      }
    }
    return new Snapshot(jobs, devices);
  }

  @Override
  public List<JobRun> runs(JobKey key, Instant from, Instant to) throws StoreException {
    String sql = "SELECT run_id, result, started_at, ended_at, bytes, files, errors, warnings, message, grace_s, product"
        + " FROM job_run WHERE tenant = ? AND customer = ? AND device = ? AND job = ? AND ended_at >= ? AND ended_at < ?"
        + " ORDER BY ended_at";
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        bindJobKey(ps, key);
        ps.setLong(5, from.toEpochMilli());
        ps.setLong(6, to.toEpochMilli());
        List<JobRun> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long grace = rs.getLong(10);
            Duration graceOrNull = rs.wasNull() ? null : Duration.ofSeconds(grace);
            runs.add(new JobRun(key, rs.getString(1), JobResult.valueOf(rs.getString(2)),
                Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getString(9), graceOrNull, rs.getString(11)));
          }
        }
        return runs;
      } catch (SQLException e) {
        throw new StoreException("cannot read run history: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Transaction begin() throws StoreException {
    if (writer == null) {
      Connection fresh = null;
      try {
        fresh = connect(config, file);
        tune(fresh);
        fresh.setAutoCommit(false);
        writer = fresh;
      } catch (SQLException e) {
        closeQuietly(fresh);
        throw new StoreException("cannot reopen " + file + " for writing: " + e.getMessage(), e);
      }
    }
    return new SqliteTransaction();
  }

  @Override
  public Optional<String> fault() {
    return files.fault();
  }

  @Override
  public void close() {
    checkpointer.close();
    forgetAll();
    closeQuietly(reader);
    closeQuietly(writer);
  }

  private static void closeQuietly(Connection... connections) {
    for (Connection connection : connections) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // closing is best effort; the WAL keeps committed data either way
        }
      }
    }
  }

  private static void bindJobKey(PreparedStatement ps, JobKey key) throws SQLException {
    ps.setString(1, key.tenant());
    ps.setString(2, key.customer());
    ps.setString(3, key.device());
    ps.setString(4, key.job());
  }

  private static void bindDeviceKey(PreparedStatement ps, DeviceKey key) throws SQLException {
    ps.setString(1, key.tenant());
    ps.setString(2, key.customer());
    ps.setString(3, key.device());
  }

  private final class SqliteTransaction implements Transaction {
    private boolean done;

    @Override
    public boolean insertRun(JobRun run, Instant receivedAt) throws StoreException {
      String sql = "INSERT OR IGNORE INTO job_run (tenant, customer, device, job, run_id, result, started_at, ended_at,"
          + " bytes, files, errors, warnings, message, grace_s, product, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
      return update("store a run", sql, ps -> {
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
          ps.setNull(14, Types.INTEGER);
        } else {
          ps.setLong(14, run.grace().toSeconds());
        }
        ps.setString(15, run.product());
        ps.setLong(16, receivedAt.toEpochMilli());
      }) == 1;
    }

    @Override
    public void insertEvent(ErrorEvent event, Instant receivedAt) throws StoreException {
      String sql = "INSERT INTO device_event (tenant, customer, device, error, raised, at, message, cleared_by, received_at)"
          + " VALUES (?,?,?,?,?,?,?,?,?)";
      update("store an event", sql, ps -> {
        bindDeviceKey(ps, event.key());
        ps.setString(4, event.error().label());
        ps.setInt(5, event.raised() ? 1 : 0);
        ps.setLong(6, event.at().toEpochMilli());
        ps.setString(7, event.message());
        ps.setString(8, event.clearedBy().label());
        ps.setLong(9, receivedAt.toEpochMilli());
      });
    }

    @Override
    public long failedRunsAfter(JobKey key, Instant from) throws StoreException {
      String sql = "SELECT count(*) FROM job_run WHERE tenant = ? AND customer = ? AND device = ? AND job = ?"
          + " AND result = 'FAILED' AND ended_at >= ?";
      try {
        PreparedStatement ps = statement(sql);
        bindJobKey(ps, key);
        ps.setLong(5, from.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0;
        }
      } catch (SQLException e) {
        forget(sql);
        throw new StoreException("cannot count a job's failed runs: " + e.getMessage(), e);
      }
    }

    @Override
    public void putJob(JobState job) throws StoreException {
      String state = codec.encode(job);
      update("store job state", "INSERT OR REPLACE INTO job_state (tenant, customer, device, job, state) VALUES (?,?,?,?,?)", ps -> {
        bindJobKey(ps, job.key());
        ps.setString(5, state);
      });
    }

    @Override
    public void putDevice(DeviceState device) throws StoreException {
      String state = codec.encode(device);
      update("store device state", "INSERT OR REPLACE INTO device_state (tenant, customer, device, state) VALUES (?,?,?,?)", ps -> {
        bindDeviceKey(ps, device.key());
        ps.setString(4, state);
      });
    }

    @Override
    public void deleteJob(JobKey key) throws StoreException {
      update("retire a job", "DELETE FROM job_state WHERE tenant = ? AND customer = ? AND device = ? AND job = ?",
          ps -> bindJobKey(ps, key));
    }

    @Override
    public void deleteDevice(DeviceKey key) throws StoreException {
      update("retire a device", "DELETE FROM device_state WHERE tenant = ? AND customer = ? AND device = ?",
          ps -> bindDeviceKey(ps, key));
    }

    @Override
    public int pruneHistory(Instant cutoff) throws StoreException {
      long millis = cutoff.toEpochMilli();
      return update("prune runs", "DELETE FROM job_run WHERE ended_at < ?", ps -> ps.setLong(1, millis))
          + update("prune events", "DELETE FROM device_event WHERE at < ?", ps -> ps.setLong(1, millis));
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
        throw new StoreException("cannot commit to " + file + ": " + e.getMessage(), e);
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
    public void close() throws StoreException {
      if (!done) {
        done = true;
        try {
          writer.rollback();
        } catch (SQLException e) {
          // SQLite has already rolled back by itself (as after SQLITE_FULL or SQLITE_IOERR) and the driver,
          // its rollback failing, does not begin the next transaction: the connection would then commit each
          // later statement on its own. Closing it drops whatever is left; begin() opens a clean one.
          forgetAll();
          closeQuietly(writer);
          writer = null;
        }
      }
    }

    private int update(String what, String sql, Binder binder) throws StoreException {
      try {
        PreparedStatement ps = statement(sql);
        binder.bind(ps);
        return ps.executeUpdate();
      } catch (SQLException e) {
        forget(sql);
        throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
      }
    }
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = writer.prepareStatement(sql);
      prepared.put(sql, ps);
    }
    return ps;
  }

  /** Drops every prepared statement, as when their connection goes. */
  private void forgetAll() {
    List.copyOf(prepared.keySet()).forEach(this::forget);
  }

  /** Drops a statement that failed, so the next use prepares it afresh. */
  private void forget(String sql) {
    PreparedStatement ps = prepared.remove(sql);
    if (ps != null) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // it is dropped either way
      }
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
