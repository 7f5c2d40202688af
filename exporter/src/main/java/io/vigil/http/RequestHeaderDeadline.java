package io.vigil.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections whose request line and headers have been arriving for longer than the timeout
 * (slowloris). Jetty's idle timeout alone never fires while a client sends a byte now and then, and
 * Jetty 12 has no header deadline of its own, so this looks at each connection's parser: a request
 * is mid-headers from its first byte until the headers are complete.
 */
final class RequestHeaderDeadline extends AbstractLifeCycle implements Runnable {
  private final ServerConnector connector;
  private final long timeoutNanos;
  private final long periodMillis;
  private volatile Scheduler.Task next;

  RequestHeaderDeadline(ServerConnector connector, Duration timeout) {
    this.connector = connector;
    this.timeoutNanos = timeout.toNanos();
    this.periodMillis = Math.min(1_000, Math.max(100, timeout.toMillis() / 4));
  }

  @Override
  protected void doStart() {
    schedule();
  }

  @Override
  protected void doStop() {
    Scheduler.Task task = next;
    if (task != null) {
      task.cancel();
    }
  }

  @Override
  public void run() {
    try {
      for (EndPoint endPoint : connector.getConnectedEndPoints()) {
        HttpConnection http = httpConnection(endPoint.getConnection());
        if (http != null && isLate(http.getParser())) {
          endPoint.close();
        }
      }
    } finally {
      if (isRunning()) {
        schedule();
      }
    }
  }

  private void schedule() {
    next = connector.getScheduler().schedule(this, periodMillis, TimeUnit.MILLISECONDS);
  }

  private boolean isLate(HttpParser parser) {
    return parser.inHeaderState() && !parser.isStart() && NanoTime.since(parser.getBeginNanoTime()) > timeoutNanos;
  }

  private static HttpConnection httpConnection(Connection connection) {
    if (connection instanceof SslConnection tls) {
      connection = tls.getSslEndPoint().getConnection();
    }
    return connection instanceof HttpConnection http ? http : null;
  }
}
