package io.vigil.report;

import java.time.Duration;

/** Durations as people read them in a report: "3 d 4 h", "2 h 5 min", "40 s". */
final class Durations {
  private Durations() {}

  static String describe(Duration d) {
    if (d == null) {
      return "unknown";
    }
    long s = Math.max(0, d.toSeconds());
    if (s >= 86_400) {
      return s / 86_400 + " d " + s % 86_400 / 3_600 + " h";
    }
    if (s >= 3_600) {
      return s / 3_600 + " h " + s % 3_600 / 60 + " min";
    }
    return s >= 60 ? s / 60 + " min" : s + " s";
  }
}
