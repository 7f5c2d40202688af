package io.vigil.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-ins, in memory (a restart signs everyone out): a random session id (the cookie) maps to the
 * grant of the key that signed in, never to the key. A session ends at sign-out, after {@link #IDLE} without a
 * request, or {@link #LIFETIME} after sign-in, whichever comes first. At most {@link #MAX} at once.
 */
final class ConsoleSessions {
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAX = 10_000;

  /** {@code csrf} is sent back by the session's forms (sign-out). */
  record Session(String id, String csrf, Grant grant, Instant signedIn, Instant lastSeen) {
    boolean csrfMatches(String token) {
      return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /** A new session for {@code grant}; empty when {@link #MAX} sessions are open and none has expired. */
  Optional<Session> open(Grant grant) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX) {
      sessions.values().removeIf(s -> expired(s, now));
      if (sessions.size() >= MAX) {
        return Optional.empty();
      }
    }
    Session session = new Session(token(), token(), grant, now, now);
    sessions.put(session.id(), session);
    return Optional.of(session);
  }

  /** The live session of {@code id}, seen now; an expired one is ended. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (expired(session, now)) {
      sessions.remove(id, session);
      return Optional.empty();
    }
    Session seen = new Session(session.id(), session.csrf(), session.grant(), session.signedIn(), now);
    sessions.replace(id, session, seen);
    return Optional.of(seen);
  }

  void close(String id) {
    sessions.remove(id);
  }

  private static boolean expired(Session session, Instant now) {
    return now.isAfter(session.lastSeen().plus(IDLE)) || now.isAfter(session.signedIn().plus(LIFETIME));
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
