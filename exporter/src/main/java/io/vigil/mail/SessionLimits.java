package io.vigil.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Open sessions per client address (beyond: 421 at once), and the longest a session may last: a client that
 * trickles its commands or its message to hold a connection is disconnected when its time is up (an idle one
 * sooner, by the server's read timeout).
 */
final class SessionLimits implements SessionHandler {
  private final int perAddress;
  private final Duration maxSession;
  private final ScheduledExecutorService timer;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
  private final Map<Session, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();

  SessionLimits(int perAddress, Duration maxSession, ScheduledExecutorService timer) {
    this.perAddress = perAddress;
    this.maxSession = maxSession;
    this.timer = timer;
  }

  @Override
  public SessionAcceptance accept(Session session) {
    InetAddress address = session.getRealRemoteAddress().getAddress();
    if (open.merge(address, 1, Integer::sum) > perAddress) {
      // A refused session never ends (the library says so): its count goes now.
      release(address);
      return SessionAcceptance.failure(421, "4.7.0 too many connections from your address; try again later");
    }
    deadlines.put(session, timer.schedule(() -> close(session), maxSession.toMillis(), TimeUnit.MILLISECONDS));
    return SessionAcceptance.success();
  }

  @Override
  public void onSessionEnd(Session session) {
    ScheduledFuture<?> deadline = deadlines.remove(session);
    if (deadline != null) {
      deadline.cancel(false);
      release(session.getRealRemoteAddress().getAddress());
    }
  }

  private void release(InetAddress address) {
    open.computeIfPresent(address, (a, c) -> c <= 1 ? null : c - 1);
  }

  private static void close(Session session) {
    try {
      session.closeSocket();
    } catch (IOException e) {
      // Closed already.
    }
  }
}
