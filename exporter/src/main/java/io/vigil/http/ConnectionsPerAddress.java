package io.vigil.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections per client address, so that one address cannot take all of
 * {@code server.max_connections} and make everyone else wait: a connection beyond it is closed as soon
 * as it is accepted (Jetty's own limits count all addresses together).
 */
final class ConnectionsPerAddress implements Connection.Listener {
  private final int max;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
  /** With the address each was counted under: a closed socket no longer tells its peer. */
  private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
  private final ThrottledLog log;

  ConnectionsPerAddress(int max, Clock clock) {
    this.max = max;
    this.log = new ThrottledLog(LoggerFactory.getLogger(ConnectionsPerAddress.class), clock, Duration.ofMinutes(1));
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = clientAddress(connection);
    if (address == null) {
      return;
    }
    boolean[] admitted = {false};
    open.compute(address, (a, count) -> {
      int now = count == null ? 0 : count;
      admitted[0] = now < max;
      return admitted[0] ? now + 1 : count;
    });
    if (admitted[0]) {
      counted.put(connection, address);
    } else {
      log.warn(address.getHostAddress(), "closed a connection from " + address.getHostAddress() + ": it already has " + max
          + " open (server.max_connections_per_address)");
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress address = counted.remove(connection);
    if (address != null) {
      open.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
    }
  }

  /** The peer of a network connection; null for the connections TLS layers on top of one, which are counted there. */
  private static InetAddress clientAddress(Connection connection) {
    if (!(connection.getEndPoint() instanceof SocketChannelEndPoint endPoint)) {
      return null;
    }
    SocketAddress remote = endPoint.getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
