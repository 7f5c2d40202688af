package io.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * How every connection to the store file is opened: WAL mode with {@code synchronous=FULL}, so a commit has
 * reached the disk when it returns, and a busy timeout; and how the writer's connection is tuned.
 */
final class SqliteConnections {
  private final Path file;
  private final SQLiteConfig config = new SQLiteConfig();

  SqliteConnections(Path file) {
    this.file = file;
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    // Each INSERT would otherwise run a "SELECT last_insert_rowid()" for getGeneratedKeys(), which nothing here uses.
    config.setGetGeneratedKeys(false);
  }

  Path file() {
    return file;
  }

  Connection open() throws SQLException {
    return config.createConnection("jdbc:sqlite:" + file);
  }

  /**
   * Makes a connection the writer's, in manual commit mode, with settings that keep every commit durable
   * (synchronous stays FULL): a page cache that holds the hot part of the state tables, so inserts do not
   * re-read pages, and a WAL checkpointed by the writer only at 64 MiB instead of 4 MiB (the {@link Checkpointer}
   * copies pages in between), so a page changed by many groups is copied into the database once.
   */
  static void makeWriter(Connection writer) throws SQLException {
    try (Statement st = writer.createStatement()) {
      st.execute("PRAGMA cache_size = -65536");
      st.execute("PRAGMA wal_autocheckpoint = 16384");
    }
    writer.setAutoCommit(false);
  }

  static void closeQuietly(Connection... connections) {
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
}
