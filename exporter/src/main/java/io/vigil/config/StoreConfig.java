package io.vigil.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the state and history are kept ({@code store:}): the backend's type; for SQLite the data directory; for
 * PostgreSQL the JDBC URL, the user, the file holding the password, the connection pool and the polling lease. Applied at start;
 * a reload keeps the store in force.
 */
public record StoreConfig(StoreType type, String dataDir, String url, String user, String passwordFile, PoolConfig pool,
    Integer leaseSeconds) {
  private static final int MAX_PASSWORD_BYTES = 1_024;
  private static final int DEFAULT_LEASE_SECONDS = 10;

  public StoreConfig {
    type = type != null ? type : StoreType.SQLITE;
  }

  public StoreConfig(StoreType type, String dataDir) {
    this(type, dataDir, null, null, null, null, null);
  }

  /** A PostgreSQL store with the standard pool and lease. */
  public static StoreConfig postgresql(String url, String user, String passwordFile) {
    return new StoreConfig(StoreType.POSTGRESQL, null, url, user, passwordFile, null, null);
  }

  /** This PostgreSQL store with another pool. */
  public StoreConfig withPool(PoolConfig newPool) {
    return new StoreConfig(type, dataDir, url, user, passwordFile, newPool, leaseSeconds);
  }

  /**
   * How long the polling replica may go without renewing its lease before it stops polling, and about how long
   * the database takes to notice a replica that vanished without closing its connections (a dead host).
   */
  public Duration lease() {
    return Duration.ofSeconds(leaseSeconds != null ? leaseSeconds : DEFAULT_LEASE_SECONDS);
  }

  /** SQLite, in the data directory the top-level {@code data_dir} or the default gives. */
  public static StoreConfig standard() {
    return new StoreConfig(null, null);
  }

  /** The pool as configured, or the standard one. */
  public PoolConfig poolOrStandard() {
    return pool != null ? pool : PoolConfig.standard();
  }

  /** The first line of the password file (read when the store is opened), or null without one. */
  public String password() throws IOException {
    if (passwordFile == null) {
      return null;
    }
    return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
  }

  StoreConfig withDataDir(String newDataDir) {
    return new StoreConfig(type, newDataDir, url, user, passwordFile, pool, leaseSeconds);
  }

  /** {@code data_dir} is the older spelling of {@code store.data_dir}: both may be given only when they agree. */
  void check(String topLevelDataDir, List<String> problems) {
    if (dataDir != null && !dataDir.equals(topLevelDataDir)) {
      problems.add("store.data_dir: '" + dataDir + "' differs from data_dir '" + topLevelDataDir
          + "' (its older spelling); set the data directory in one place");
    }
    switch (type) {
      case SQLITE -> {
        for (String[] key : new String[][] {{"url", url}, {"user", user}, {"password_file", passwordFile}}) {
          if (key[1] != null) {
            problems.add("store." + key[0] + ": only for type postgresql (this store is sqlite)");
          }
        }
        if (pool != null) {
          problems.add("store.pool: only for type postgresql (this store is sqlite)");
        }
        if (leaseSeconds != null) {
          problems.add("store.lease_seconds: only for type postgresql (this store is sqlite)");
        }
      }
      case POSTGRESQL -> checkPostgresql(problems);
    }
  }

  private void checkPostgresql(List<String> problems) {
    if (url == null || !url.startsWith("jdbc:postgresql://") || url.length() > 2_048) {
      problems.add("store.url: must be a PostgreSQL JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE");
    } else if (url.contains("password=")) {
      problems.add("store.url: must not hold the password; put it in the file store.password_file names");
    }
    if (user == null || user.isBlank()) {
      problems.add("store.user: must name the database user");
    }
    if (passwordFile != null) {
      Path file = Path.of(passwordFile);
      try {
        if (!Files.isReadable(file) || Files.size(file) > MAX_PASSWORD_BYTES) {
          problems.add("store.password_file: cannot read " + passwordFile + " (or larger than " + MAX_PASSWORD_BYTES + " bytes)");
        }
      } catch (IOException e) {
        problems.add("store.password_file: cannot read " + passwordFile);
      }
    }
    poolOrStandard().check(problems);
    if (leaseSeconds != null && (leaseSeconds < 2 || leaseSeconds > 300)) {
      problems.add("store.lease_seconds: must be 2 to 300");
    }
  }
}
