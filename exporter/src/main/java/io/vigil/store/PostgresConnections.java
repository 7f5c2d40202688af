package io.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.vigil.config.StoreConfig;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How connections to the PostgreSQL store are opened: a pool for the writer and the readers, and one connection
 * of its own for LISTEN. Every connection gives up on a server that stops answering, so an outage fails writes
 * (503) instead of hanging them; the pool opens fresh connections when the server is back.
 */
final class PostgresConnections implements AutoCloseable {
  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  private final String url;
  private final Properties properties;
  private final HikariDataSource pool;

  private PostgresConnections(String url, Properties properties, HikariDataSource pool) {
    this.url = url;
    this.properties = properties;
    this.pool = pool;
  }

  /** Fails when the database cannot be reached within the pool's connection timeout. */
  static PostgresConnections open(StoreConfig config) throws StoreException {
    Properties properties = new Properties();
    properties.setProperty("user", config.user());
    try {
      String password = config.password();
      if (password != null) {
        properties.setProperty("password", password);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read store.password_file " + config.passwordFile() + ": " + e.getMessage(), e);
    }
    long timeoutSeconds = config.poolOrStandard().connectionTimeout().toSeconds();
    properties.setProperty("connectTimeout", Long.toString(timeoutSeconds));
    properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", "vigil-exporter");
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("vigil-store");
    hikari.setJdbcUrl(config.url());
    hikari.setDataSourceProperties(properties);
    hikari.setMaximumPoolSize(config.poolOrStandard().maxSize());
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(timeoutSeconds * 1000);
    hikari.setInitializationFailTimeout(timeoutSeconds * 1000);
    hikari.setAutoCommit(true);
    try {
      return new PostgresConnections(config.url(), properties, new HikariDataSource(hikari));
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreException("cannot connect to the PostgreSQL store " + config.url() + " as " + config.user() + ": "
          + cause.getMessage(), e);
    }
  }

  String url() {
    return url;
  }

  /** A pooled connection in auto-commit mode; closing it returns it to the pool. */
  Connection borrow() throws SQLException {
    return pool.getConnection();
  }

  /**
   * A connection outside the pool, held by the change listener for LISTEN and the polling lease. The server probes
   * it with keepalives, so it drops the connection of a host that vanished (and the lease with it) within about
   * {@code lease}.
   */
  Connection openUnpooled(Duration lease) throws SQLException {
    Properties listener = new Properties();
    listener.putAll(properties);
    long probes = Math.max(1, lease.toSeconds() / 2);
    listener.setProperty("options", "-c tcp_keepalives_idle=" + probes + " -c tcp_keepalives_interval=1 -c tcp_keepalives_count="
        + probes);
    return DriverManager.getConnection(url, listener);
  }

  @Override
  public void close() {
    pool.close();
  }

  static void closeQuietly(AutoCloseable... closeables) {
    for (AutoCloseable closeable : closeables) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // best effort: the server rolls back whatever a lost connection left open
        }
      }
    }
  }
}
