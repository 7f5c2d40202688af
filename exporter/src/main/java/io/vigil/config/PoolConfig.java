package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * The PostgreSQL store's connection pool ({@code store.pool}): how many connections a replica opens at most, and
 * how long a write or read waits for one before it fails (a push is then answered 503).
 */
public record PoolConfig(Integer maxSize, Integer connectionTimeoutSeconds) {
  public PoolConfig {
    maxSize = maxSize != null ? maxSize : 8;
    connectionTimeoutSeconds = connectionTimeoutSeconds != null ? connectionTimeoutSeconds : 5;
  }

  public static PoolConfig standard() {
    return new PoolConfig(null, null);
  }

  public Duration connectionTimeout() {
    return Duration.ofSeconds(connectionTimeoutSeconds);
  }

  void check(List<String> problems) {
    // One connection writes, the others read (the change listener has one of its own, outside the pool).
    if (maxSize < 2 || maxSize > 100) {
      problems.add("store.pool.max_size: must be 2 to 100");
    }
    if (connectionTimeoutSeconds < 1 || connectionTimeoutSeconds > 300) {
      problems.add("store.pool.connection_timeout_seconds: must be 1 to 300");
    }
  }
}
