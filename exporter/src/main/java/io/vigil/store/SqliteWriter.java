package io.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's connection and its statements, prepared once by SQL. Only the writer thread uses it. After a
 * transaction could not be rolled back the connection is dropped, and the next transaction opens a new one.
 */
final class SqliteWriter {
  private final SqliteConnections connections;
  // Null after a transaction could not be rolled back.
  private Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  SqliteWriter(SqliteConnections connections, Connection connection) {
    this.connections = connections;
    this.connection = connection;
  }

  Path file() {
    return connections.file();
  }

  /** Before a transaction: opens a new connection when the last one was dropped. */
  void reopenIfDropped() throws StoreException {
    if (connection != null) {
      return;
    }
    Connection fresh = null;
    try {
      fresh = connections.open();
      SqliteConnections.makeWriter(fresh);
      connection = fresh;
    } catch (SQLException e) {
      SqliteConnections.closeQuietly(fresh);
      throw new StoreException("cannot reopen " + connections.file() + " for writing: " + e.getMessage(), e);
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

  /** Drops a statement that failed, so the next use prepares it afresh. */
  void forget(String sql) {
    PreparedStatement ps = prepared.remove(sql);
    if (ps != null) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // it is dropped either way
      }
    }
  }

  void commit() throws SQLException {
    connection.commit();
  }

  void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // SQLite has already rolled back by itself (as after SQLITE_FULL or SQLITE_IOERR) and the driver,
      // its rollback failing, does not begin the next transaction: the connection would then commit each
      // later statement on its own. Closing it drops whatever is left; the next transaction opens a clean one.
      close();
      connection = null;
    }
  }

  void close() {
    List.copyOf(prepared.keySet()).forEach(this::forget);
    SqliteConnections.closeQuietly(connection);
  }
}
