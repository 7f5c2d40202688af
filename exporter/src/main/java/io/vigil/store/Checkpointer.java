package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed WAL pages into the database file every second, on its own connection and thread,
 * so that the checkpoint the writer still runs once the WAL is large (which lets the WAL start over)
 * finds most pages copied and holds up its commit briefly. PASSIVE: it never blocks the writer or
 * readers; what it cannot copy yet, it copies next time. Checkpoints do not change durability: a
 * commit is on disk in the WAL when it returns.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final Connection connection;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vigil-checkpoint");
    t.setDaemon(true);
    return t;
  });

  Checkpointer(Connection connection) {
    this.connection = connection;
    thread.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
  }

  private void checkpoint() {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      log.warn("background WAL checkpoint failed (the writer checkpoints anyway): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // best effort, as for the other connections
    }
  }
}
