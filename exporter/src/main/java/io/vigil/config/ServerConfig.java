package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * Bounds on the HTTP server, so that slow, oversized or too many connections cannot starve the
 * others: open connections ({@code maxConnections}; beyond it new ones wait in the accept queue), open
 * connections per client address ({@code maxConnectionsPerAddress}; beyond it new ones are closed; equal
 * to {@code maxConnections}: no such limit), worker threads, idle time, the time a request's headers may
 * take to arrive, the header size, and the slowest accepted request body. Applied at start; a reload keeps
 * the values in force.
 */
public record ServerConfig(Integer maxConnections, Integer maxThreads, Integer idleTimeoutSeconds, Integer requestHeaderTimeoutSeconds,
    Integer maxRequestHeaderBytes, Integer minRequestBodyBytesPerSecond, Integer maxConnectionsPerAddress) {
  static final int MIN_THREADS = 16;
  static final int MIN_HEADER_BYTES = 1_024;

  public ServerConfig {
    maxConnections = maxConnections != null ? maxConnections : 1_000;
    maxThreads = maxThreads != null ? maxThreads : 200;
    idleTimeoutSeconds = idleTimeoutSeconds != null ? idleTimeoutSeconds : 30;
    requestHeaderTimeoutSeconds = requestHeaderTimeoutSeconds != null ? requestHeaderTimeoutSeconds : 10;
    maxRequestHeaderBytes = maxRequestHeaderBytes != null ? maxRequestHeaderBytes : 16_384;
    minRequestBodyBytesPerSecond = minRequestBodyBytesPerSecond != null ? minRequestBodyBytesPerSecond : 1_024;
    maxConnectionsPerAddress = maxConnectionsPerAddress != null ? maxConnectionsPerAddress : Math.max(1, Math.min(64, maxConnections));
  }

  /** Without a per-address limit of its own: the default, or all connections when fewer than that. */
  public ServerConfig(Integer maxConnections, Integer maxThreads, Integer idleTimeoutSeconds, Integer requestHeaderTimeoutSeconds,
      Integer maxRequestHeaderBytes, Integer minRequestBodyBytesPerSecond) {
    this(maxConnections, maxThreads, idleTimeoutSeconds, requestHeaderTimeoutSeconds, maxRequestHeaderBytes,
        minRequestBodyBytesPerSecond, null);
  }

  public static ServerConfig standard() {
    return new ServerConfig(null, null, null, null, null, null, null);
  }

  public Duration idleTimeout() {
    return Duration.ofSeconds(idleTimeoutSeconds);
  }

  public Duration requestHeaderTimeout() {
    return Duration.ofSeconds(requestHeaderTimeoutSeconds);
  }

  void check(List<String> problems) {
    ConfigLoader.positive("server.max_connections", maxConnections.longValue(), problems);
    if (maxConnectionsPerAddress < 1 || maxConnections > 0 && maxConnectionsPerAddress > maxConnections) {
      problems.add("server.max_connections_per_address: must be 1 to server.max_connections (" + maxConnections
          + "); equal to it turns the per-address limit off, e.g. behind a reverse proxy");
    }
    if (maxThreads < MIN_THREADS) {
      problems.add("server.max_threads: must be at least " + MIN_THREADS);
    }
    ConfigLoader.positive("server.idle_timeout_seconds", idleTimeoutSeconds.longValue(), problems);
    ConfigLoader.positive("server.request_header_timeout_seconds", requestHeaderTimeoutSeconds.longValue(), problems);
    if (maxRequestHeaderBytes < MIN_HEADER_BYTES) {
      problems.add("server.max_request_header_bytes: must be at least " + MIN_HEADER_BYTES);
    }
    if (minRequestBodyBytesPerSecond < 0) {
      problems.add("server.min_request_body_bytes_per_second: must be 0 (no minimum) or more");
    }
  }
}
