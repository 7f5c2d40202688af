package io.vigil.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How the pages write times, ages and sizes (for people: rounded, with units). */
public final class Format {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Format() {}

  /** {@code 2026-11-25 06:00 UTC}; a dash for none. */
  public static String time(Instant at) {
    return at == null ? "–" : TIME.format(at);
  }

  /** The machine-readable form for {@code <time datetime>}: whole seconds (HTML allows at most three decimals). */
  public static String iso(Instant at) {
    return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code 2 d 3 h}, {@code 4 h 10 min}, {@code 35 s}; a dash for none. */
  public static String age(Duration age) {
    if (age == null) {
      return "–";
    }
    long s = Math.max(0, age.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min";
    }
    if (s < 86_400) {
      return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
    return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
  }

  /** Binary units with one decimal: {@code 1.5 GiB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
