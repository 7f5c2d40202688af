package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The connection of the transaction being written and its statements, prepared once by SQL for the transaction.
 * Only the writer thread uses it. Each transaction first takes the writer lock, held until it ends: the replicas'
 * writers take turns, so each works on the newest state and changes are numbered in commit order.
 */
final class PostgresWriter {
  /** Any number of Vigil's own: "vigilW". */
  private static final long WRITER_LOCK = 0x76_69_67_69_6c_57L;
  private static final int LOCK_TIMEOUT_SECONDS = 10;

  private final PostgresConnections connections;
  // Null between transactions.
  private Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  PostgresWriter(PostgresConnections connections) {
    this.connections = connections;
  }

  String url() {
    return connections.url();
  }

  /** Takes a connection from the pool and the writer lock; waits while another replica writes. */
  void begin() throws StoreException {
    try {
      connection = connections.borrow();
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        // A replica stuck inside its transaction fails this one (503) instead of stopping every writer behind it.
        st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT_SECONDS + "s'");
        st.execute("SELECT pg_advisory_xact_lock(" + WRITER_LOCK + ")");
      }
    } catch (SQLException e) {
      end();
      throw new StoreException("cannot begin a transaction on " + url() + ": " + e.getMessage(), e);
    }
  }

  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      prepared.put(sql, ps);
    }
    return ps;
  }

  void commit() throws SQLException {
    connection.commit();
  }

  /**
   * Rolls back what was not committed and returns the connection to the pool. A connection lost with the server
   * is dropped by the pool; the server has rolled its transaction back.
   */
  void end() {
    prepared.values().forEach(PostgresConnections::closeQuietly);
    prepared.clear();
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // lost with the server: nothing of it was kept
      }
      PostgresConnections.closeQuietly(connection);
      connection = null;
    }
  }
}
