package io.vigil.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Ends requests that arrive too slowly, by looking at each connection's parser a few times a second.
 * <ul>
 * <li>Request line and headers arriving for longer than the header timeout (slowloris): the connection
 * is closed. Jetty's idle timeout alone never fires while a client sends a byte now and then, and Jetty
 * 12 has no header deadline of its own; a request is mid-headers from its first byte until the headers
 * are complete.
 * <li>A body whose average rate since its headers, after the first second, is below the minimum: its
 * pending read fails with a timeout, so the servlet answers 408 and frees its thread. Jetty checks the
 * rate only when bytes arrive, so a body that stops altogether would otherwise hold the thread until
 * the idle timeout and end in a 500.
 * </ul>
 */
final class SlowRequests extends AbstractLifeCycle implements Runnable {
  private static final long BODY_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ServerConnector connector;
  private final long headerTimeoutNanos;
  private final long minBodyBytesPerSecond;
  private final long periodMillis;
  private volatile Scheduler.Task next;

  /** {@code minBodyBytesPerSecond} 0 checks no body rate. */
  SlowRequests(ServerConnector connector, Duration headerTimeout, long minBodyBytesPerSecond) {
    this.connector = connector;
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.minBodyBytesPerSecond = minBodyBytesPerSecond;
    this.periodMillis = Math.min(250, Math.max(100, headerTimeout.toMillis() / 4));
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
        if (http == null) {
          continue;
        }
        if (headersLate(http.getParser())) {
          endPoint.close();
        } else if (bodyTooSlow(http)) {
          // As an idle timeout would, but now: the blocked read fails and the request can still be answered.
          http.onIdleExpired(new TimeoutException("slower than " + minBodyBytesPerSecond + " bytes per second"));
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

  private boolean headersLate(HttpParser parser) {
    return parser.inHeaderState() && !parser.isStart() && NanoTime.since(parser.getBeginNanoTime()) > headerTimeoutNanos;
  }

  private boolean bodyTooSlow(HttpConnection http) {
    Request request = http.getHttpChannel().getRequest();
    if (minBodyBytesPerSecond == 0 || request == null || !http.getParser().inContentState()) {
      return false;
    }
    long elapsed = NanoTime.since(request.getHeadersNanoTime());
    return elapsed > BODY_GRACE_NANOS && http.getParser().getContentRead() * 1_000_000_000.0 / elapsed < minBodyBytesPerSecond;
  }

  private static HttpConnection httpConnection(Connection connection) {
    if (connection instanceof SslConnection tls) {
      connection = tls.getSslEndPoint().getConnection();
    }
    return connection instanceof HttpConnection http ? http : null;
  }
}
