package io.vigil.bench;

import io.vigil.connector.http.BearerTokenAuth;
import io.vigil.connector.http.ConnectorServer;
import io.vigil.connector.inventory.Snapshot;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's connectors, each served by the connector module's own HTTP server and inventory handler
 * (bearer token, strong ETag, 304 on {@code If-None-Match}) on a loopback port, in this JVM. Every
 * {@code cycle} a new backup cycle lands (one more incremental per chain): the next poll gets a new
 * body, polls within a cycle get 304.
 */
final class SimulatedConnectors implements AutoCloseable {
  private final ChainModel chains;
  private final Duration cycle;
  private final Instant start;
  private final List<ConnectorServer> servers = new ArrayList<>();
  private final List<Served> served = new ArrayList<>();

  SimulatedConnectors(ChainModel chains, Duration cycle, Instant start) {
    this.chains = chains;
    this.cycle = cycle;
    this.start = start;
  }

  /** Starts one server per connector (none without chains). */
  SimulatedConnectors start() throws Exception {
    int count = chains.chains() == 0 ? 0 : chains.connectors();
    for (int k = 0; k < count; k++) {
      Served s = new Served(k);
      s.current(); // built before the first poll: the exporter's poll time is then its own
      served.add(s);
      servers.add(new ConnectorServer(new InetSocketAddress("127.0.0.1", 0),
          s::current, new BearerTokenAuth(chains.token(k))).start());
    }
    return this;
  }

  String url(int k) {
    return "http://127.0.0.1:" + servers.get(k).port();
  }

  /** The body connector {@code k} serves now. */
  Snapshot current(int k) {
    return served.get(k).current();
  }

  @Override
  public void close() {
    servers.forEach(ConnectorServer::close);
  }

  /** One connector's inventory, rebuilt when a new cycle starts. */
  private final class Served {
    private final int k;
    private int builtCycle = -1;
    private Snapshot snapshot;

    Served(int k) {
      this.k = k;
    }

    synchronized Snapshot current() {
      Instant now = Instant.now();
      int n = (int) (Duration.between(start, now).toMillis() / cycle.toMillis());
      if (n != builtCycle) {
        Instant asOf = Instant.ofEpochSecond(start.plus(cycle.multipliedBy(n)).getEpochSecond());
        snapshot = Snapshot.of(chains.inventory(k, asOf, n), now);
        builtCycle = n;
      }
      return snapshot;
    }
  }
}
