package io.vigil.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Warnings that a client can cause at will, at most one line per subject and period: a flood of refused
 * requests cannot flood the log. The next line of a subject says how many were left out before it.
 */
final class ThrottledLog {
  private static final int MAX_SUBJECTS = 10_000;

  private final Logger log;
  private final Clock clock;
  private final long periodMillis;
  private final Cache<String, Window> windows;

  ThrottledLog(Logger log, Clock clock, Duration period) {
    this.log = log;
    this.clock = clock;
    this.periodMillis = period.toMillis();
    this.windows = Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).expireAfterAccess(period.multipliedBy(10)).build();
  }

  /** Logs {@code line} unless a line of the same subject was logged less than a period ago. */
  void warn(String subject, String line) {
    String admitted = admit(subject, line);
    if (admitted != null) {
      log.warn(admitted);
    }
  }

  void info(String subject, String line) {
    String admitted = admit(subject, line);
    if (admitted != null) {
      log.info(admitted);
    }
  }

  private String admit(String subject, String line) {
    long left = windows.get(subject, s -> new Window()).admit(clock.millis(), periodMillis);
    if (left < 0) {
      return null;
    }
    return left == 0 ? line : line + " (" + left + " more like it not logged in the last " + periodMillis / 1000 + " s)";
  }

  /** Printable, single-line and short, for text that a client chose. */
  static String quote(String text) {
    String line = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static final class Window {
    private long nextMillis = Long.MIN_VALUE;
    private long left;

    /** -1 when this line is to be left out; otherwise how many were left out before it. */
    synchronized long admit(long nowMillis, long periodMillis) {
      if (nowMillis < nextMillis) {
        left++;
        return -1;
      }
      nextMillis = nowMillis + periodMillis;
      long before = left;
      left = 0;
      return before;
    }
  }
}
