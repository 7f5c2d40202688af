package io.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the other replicas' commits on a connection of its own and has the replica catch up after each, and
 * after every (re)connection, so nothing committed while it was away is missed. Until the first catch-up after a
 * connection succeeds it reports a fault: the replica is not ready and its store not healthy.
 *
 * <p>The same connection holds the polling lease: a session advisory lock, tried every second by the replicas that
 * do not hold it. The holder renews it by a round trip every second and stops polling when it could not for a lease;
 * the lock is freed when its connection ends (at once when the replica dies; a dead host's connection is dropped by
 * the server's keepalive after about a lease), and another replica takes it.
 */
final class PostgresChangeListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresChangeListener.class);
  private static final int WAIT_MILLIS = 1_000;
  /** Any number of Vigil's own: "vigilP". */
  private static final long POLL_LOCK = 0x76_69_67_69_6c_50L;

  private final PostgresConnections connections;
  private final Runnable catchUp;
  private final Thread thread;
  private volatile boolean running = true;
  private final Duration lease;
  private volatile String fault = "not yet caught up with the other replicas";
  private volatile boolean leading;
  private volatile long renewedNanos;

  private final String replica;

  /**
   * {@code catchUp} applies the changes after the last one applied, and throws when it could not; {@code replica}
   * names this replica's own notifications, which need no catch-up.
   */
  PostgresChangeListener(PostgresConnections connections, String replica, Runnable catchUp, Duration lease) {
    this.connections = connections;
    this.replica = replica;
    this.catchUp = catchUp;
    this.lease = lease;
    this.thread = new Thread(this::listen, "vigil-store-listener");
    thread.setDaemon(true);
    thread.start();
  }

  Optional<String> fault() {
    return Optional.ofNullable(fault);
  }

  boolean leads() {
    return leading && System.nanoTime() - renewedNanos < lease.toNanos();
  }

  private void listen() {
    while (running) {
      try (Connection connection = connections.openUnpooled(lease); Statement st = connection.createStatement()) {
        st.execute("LISTEN " + PostgresTransaction.CHANNEL);
        PGConnection pg = connection.unwrap(PGConnection.class);
        catchUp.run();
        if (fault != null) {
          log.info("following the other replicas through {} again", connections.url());
        }
        fault = null;
        while (running) {
          holdLease(st);
          // Returns early on a notification.
          if (Arrays.stream(pg.getNotifications(WAIT_MILLIS)).anyMatch(n -> !replica.equals(n.getParameter()))) {
            catchUp.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          failed(e);
        }
      }
    }
  }

  /** Takes the lease when it is free, or renews it by a round trip (which also checks the connection). */
  private void holdLease(Statement st) throws SQLException {
    if (leading) {
      st.execute("SELECT 1");
    } else {
      try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + POLL_LOCK + ")")) {
        leading = rs.next() && rs.getBoolean(1);
      }
      if (leading) {
        log.info("this replica now polls the connectors (it holds the polling lease in {})", connections.url());
      }
    }
    renewedNanos = System.nanoTime();
  }

  private void failed(Exception e) {
    if (leading) {
      leading = false;
      log.warn("this replica stops polling the connectors: it lost its connection to {}", connections.url());
    }
    String reason = "the PostgreSQL store " + connections.url() + " is unreachable or failing: " + e.getMessage();
    if (!reason.equals(fault)) {
      log.warn("{}; scrapes serve the last known state and pushes get 503 until it is back", reason);
    }
    fault = reason;
    try {
      Thread.sleep(WAIT_MILLIS / 2);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
