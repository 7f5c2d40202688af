package io.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database's schema, brought up to date by the numbered migrations in {@code resources/db/postgresql}, each
 * applied once in its own transaction and counted in {@code vigil_schema}. Replicas starting together take turns
 * through an advisory lock, so each migration runs once.
 */
final class PostgresSchema {
  private static final List<String> MIGRATIONS = List.of("V1__schema.sql", "V2__connector_poll.sql", "V3__report_delivery.sql",
      "V4__unparsed_mail.sql", "V5__device_outage.sql");
  /** Any number of Vigil's own: "vigilM". */
  private static final long MIGRATION_LOCK = 0x76_69_67_69_6c_4dL;

  private PostgresSchema() {}

  /** Applies the migrations the database lacks; a database written by a newer Vigil is an error. Leaves auto-commit on. */
  static void migrate(Connection connection, String url) throws SQLException, StoreException {
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      st.execute("CREATE TABLE IF NOT EXISTS vigil_schema (version integer NOT NULL)");
      int version;
      try (ResultSet rs = st.executeQuery("SELECT max(version) FROM vigil_schema")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > MIGRATIONS.size()) {
        throw new StoreException("the PostgreSQL store " + url + " has schema version " + version + ", newer than this exporter"
            + " knows (" + MIGRATIONS.size() + "): it was written by a newer Vigil. Run that version on every replica.", null);
      }
      for (int v = version; v < MIGRATIONS.size(); v++) {
        for (String sql : MigrationScript.statements("/db/postgresql/" + MIGRATIONS.get(v))) {
          st.executeUpdate(sql);
        }
        st.executeUpdate("INSERT INTO vigil_schema (version) VALUES (" + (v + 1) + ")");
      }
      connection.commit();
    } catch (SQLException | StoreException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
