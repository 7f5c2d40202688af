package io.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The raw-SQLite ceiling: the rows the exporter stored (its store file, read after it stopped) inserted again
 * into a fresh file with the same schema, by a minimal JDBC loop with the exporter's pragmas ({@code journal_mode=WAL},
 * {@code synchronous=FULL}, the writer's cache and checkpoint sizes) and statements, a commit every
 * {@code itemsPerCommit} items. A job report is two rows (its run and its job state), a heartbeat one (its device
 * state). What the exporter spends per item beyond this loop is its own overhead.
 */
final class RawSqlite {
  private static final String RUN_COLUMNS = "tenant, customer, device, job, run_id, result, started_at, ended_at, bytes, files,"
      + " errors, warnings, message, grace_s, product, received_at";

  record Result(int itemsPerCommit, boolean runsOnly, long items, long rows, double seconds, double cpuSeconds) {
    String label() {
      return "raw SQLite JDBC loop, " + itemsPerCommit + " items per commit" + (runsOnly ? ", run rows only" : "");
    }

    double itemsPerSecond() {
      return items / seconds;
    }

    double cpuMicrosPerItem() {
      return cpuSeconds * 1e6 / items;
    }
  }

  private RawSqlite() {}

  static Result run(Path exporterStore, Path fresh, int itemsPerCommit, int maxItems, boolean runsOnly) throws SQLException {
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
    }
    try (Connection target = connection(fresh)) {
      try (Statement st = target.createStatement()) {
        for (String ddl : schema) {
          st.execute(ddl);
        }
        st.execute("PRAGMA cache_size = -65536");
        st.execute("PRAGMA wal_autocheckpoint = 16384");
      }
      target.setAutoCommit(false);
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long cpu0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long items = 0;
      long rows = 0;
      try (PreparedStatement run = target.prepareStatement("INSERT OR IGNORE INTO job_run (" + RUN_COLUMNS + ") VALUES ("
              + "?,".repeat(15) + "?)");
          PreparedStatement job = target.prepareStatement(
              "INSERT OR REPLACE INTO job_state (tenant, customer, device, job, state) VALUES (?,?,?,?,?)");
          PreparedStatement device = target.prepareStatement(
              "INSERT OR REPLACE INTO device_state (tenant, customer, device, state) VALUES (?,?,?,?)")) {
        for (Object[] r : runs) {
          rows += insert(run, r);
          Object[] state = runsOnly ? null : jobStates.get(key(r, 4));
          if (state != null) {
            rows += insert(job, state);
          }
          items = commitEvery(target, ++items, itemsPerCommit);
        }
        for (Object[] d : deviceStates) {
          rows += insert(device, d);
          items = commitEvery(target, ++items, itemsPerCommit);
        }
        target.commit();
      }
      return new Result(itemsPerCommit, runsOnly, items, rows, (System.nanoTime() - t0) / 1e9, (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }
  }

  private static long commitEvery(Connection target, long items, int itemsPerCommit) throws SQLException {
    if (items % itemsPerCommit == 0) {
      target.commit();
    }
    return items;
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
