package io.vigil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The raw-SQLite ceiling: the rows the exporter stored (its store file, read after it stopped) inserted again by a
 * minimal JDBC loop with the exporter's pragmas ({@code journal_mode=WAL}, {@code synchronous=FULL}, the writer's
 * cache and checkpoint sizes) and statements, a commit every {@code itemsPerCommit} items, into a fresh file with the
 * same schema or, {@code intoCopy}, into a copy of the exporter's store itself: the tables holding what the exporter's
 * hold at the end of its run (its runs get new run ids there, so they are inserted, not ignored). A job report is two
 * rows (its run and its job state), a heartbeat one (its device state). What the exporter spends per item beyond this
 * loop is its own overhead.
 */
final class RawSqlite {
  private static final int RUN_ID = 4;
  private static final String RUN_COLUMNS = "tenant, customer, device, job, run_id, result, started_at, ended_at, bytes, files,"
      + " errors, warnings, message, grace_s, product, received_at";

  /** {@code commitMillis}: the time each commit's items took, inserts and commit, one after the other. */
  record Result(int itemsPerCommit, boolean runsOnly, boolean intoCopy, long items, long rows, double seconds, double cpuSeconds,
      double[] commitMillis) {
    String label() {
      return "raw SQLite JDBC loop, " + itemsPerCommit + " items per commit" + (runsOnly ? ", run rows only" : "")
          + (intoCopy ? ", into a copy of the exporter's store" : "");
    }

    double itemsPerSecond() {
      return items / seconds;
    }

    double cpuMicrosPerItem() {
      return cpuSeconds * 1e6 / items;
    }

    /**
     * The p99 latency a unit of this loop's commits would have with {@code depth} of them always in flight and nothing
     * but this loop's work done for them: each waits for the {@code depth - 1} ahead of it, then is stored (the sum of
     * {@code depth} consecutive commits' times).
     */
    double queuedP99Millis(int depth) {
      if (commitMillis.length < depth) {
        return Double.NaN;
      }
      double[] queued = new double[commitMillis.length - depth + 1];
      double window = 0;
      for (int i = 0; i < commitMillis.length; i++) {
        window += commitMillis[i] - (i >= depth ? commitMillis[i - depth] : 0);
        if (i >= depth - 1) {
          queued[i - depth + 1] = window;
        }
      }
      Arrays.sort(queued);
      return queued[(int) Math.ceil(0.99 * queued.length) - 1];
    }
  }

  private RawSqlite() {}

  static Result run(Path exporterStore, Path target, int itemsPerCommit, int maxItems, boolean runsOnly, boolean intoCopy)
      throws SQLException, IOException {
    List<Object[]> runs = new ArrayList<>();
    Map<String, Object[]> jobStates = new HashMap<>();
    List<Object[]> deviceStates = new ArrayList<>();
    List<String> schema = new ArrayList<>();
    try (Connection source = connection(exporterStore); Statement st = source.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")) {
        while (rs.next()) {
          schema.add(rs.getString(1));
        }
      }
      int jobItems = runsOnly ? maxItems : maxItems * 2 / 3;
      read(st, "SELECT " + RUN_COLUMNS + " FROM job_run ORDER BY received_at DESC LIMIT " + jobItems, 16, runs::add);
      read(st, "SELECT tenant, customer, device, job, state FROM job_state", 5, row -> jobStates.put(key(row, 4), row));
      if (!runsOnly) {
        read(st, "SELECT tenant, customer, device, state FROM device_state LIMIT " + (maxItems - runs.size()), 4, deviceStates::add);
      }
      if (intoCopy) {
        // Everything committed into the file itself, so that a copy of the file alone is the whole store.
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        Files.copy(exporterStore, target);
      }
    }
    if (intoCopy) {
      runs.forEach(run -> run[RUN_ID] = run[RUN_ID] + "~raw");
    }
    try (Connection into = connection(target)) {
      try (Statement st = into.createStatement()) {
        for (String ddl : intoCopy ? List.<String>of() : schema) {
          st.execute(ddl);
        }
        st.execute("PRAGMA cache_size = -65536");
        st.execute("PRAGMA wal_autocheckpoint = 16384");
      }
      into.setAutoCommit(false);
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long cpu0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long rows = 0;
      Commits commits = new Commits(into, itemsPerCommit);
      try (PreparedStatement run = into.prepareStatement("INSERT OR IGNORE INTO job_run (" + RUN_COLUMNS + ") VALUES ("
              + "?,".repeat(15) + "?)");
          PreparedStatement job = into.prepareStatement(
              "INSERT OR REPLACE INTO job_state (tenant, customer, device, job, state) VALUES (?,?,?,?,?)");
          PreparedStatement device = into.prepareStatement(
              "INSERT OR REPLACE INTO device_state (tenant, customer, device, state) VALUES (?,?,?,?)")) {
        for (Object[] r : runs) {
          rows += insert(run, r);
          Object[] state = runsOnly ? null : jobStates.get(key(r, 4));
          if (state != null) {
            rows += insert(job, state);
          }
          commits.afterItem();
        }
        for (Object[] d : deviceStates) {
          rows += insert(device, d);
          commits.afterItem();
        }
        commits.commit();
      }
      return new Result(itemsPerCommit, runsOnly, intoCopy, commits.items(), rows, (System.nanoTime() - t0) / 1e9,
          (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9, commits.millis());
    }
  }

  /** Counts the items, commits every {@code itemsPerCommit} of them and times each commit's items from the end of the one before. */
  private static final class Commits {
    private final Connection into;
    private final int itemsPerCommit;
    private final List<Double> millis = new ArrayList<>();
    private long items;
    private int uncommitted;
    private long since = System.nanoTime();

    Commits(Connection into, int itemsPerCommit) {
      this.into = into;
      this.itemsPerCommit = itemsPerCommit;
    }

    void afterItem() throws SQLException {
      items++;
      if (++uncommitted == itemsPerCommit) {
        commit();
      }
    }

    void commit() throws SQLException {
      into.commit();
      if (uncommitted > 0) {
        long now = System.nanoTime();
        millis.add((now - since) / 1e6);
        since = now;
        uncommitted = 0;
      }
    }

    long items() {
      return items;
    }

    double[] millis() {
      return millis.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  private static int insert(PreparedStatement ps, Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      ps.setObject(i + 1, row[i]);
    }
    return ps.executeUpdate();
  }

  private static String key(Object[] row, int columns) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < columns; i++) {
      key.append(row[i]).append('\u0000');
    }
    return key.toString();
  }

  private interface RowSink {
    void accept(Object[] row);
  }

  private static void read(Statement st, String sql, int columns, RowSink sink) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        sink.accept(row);
      }
    }
  }

  private static Connection connection(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setGetGeneratedKeys(false);
    return config.createConnection("jdbc:sqlite:" + file);
  }
}
