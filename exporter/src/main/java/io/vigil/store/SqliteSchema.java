package io.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store file's schema: checked for damage before use, and brought up to date by the numbered migrations in
 * {@code resources/db}, each applied once in its own transaction ({@code PRAGMA user_version} counts them).
 */
final class SqliteSchema {
  static final String ADVICE = "Vigil did not start, so as not to write over it. Restore the file from a backup,"
      + " or move it (with any -wal file beside it) out of the data directory to start with an empty store.";
  private static final List<String> MIGRATIONS = List.of("V1__schema.sql", "V2__drop_run_end_index.sql",
      "V3__report_delivery.sql", "V4__connector_poll.sql", "V5__unparsed_mail.sql", "V6__device_outage.sql");

  private SqliteSchema() {}

  /** A damaged file is an error naming it and what to do, never replaced by an empty store. */
  static void quickCheck(Connection connection, Path file) throws SQLException, StoreException {
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

  /** Applies the migrations the file lacks; a file written by a newer Vigil is an error. Leaves auto-commit on. */
  static void migrate(Connection connection, Path file) throws SQLException, StoreException {
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
        for (String sql : MigrationScript.statements("/db/" + MIGRATIONS.get(v))) {
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
}
