package io.vigil.push;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks the fields of one push document, collecting every problem instead of stopping at the first. */
final class Checker {
  private static final Duration MAX_CLOCK_SKEW = PushParser.MAX_CLOCK_SKEW;
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private final int maxNameLength;
  private final int maxMessageLength;
  private final Instant now;
  private final List<Problem> problems = new ArrayList<>();
  private String prefix = "";

  Checker(int maxNameLength, int maxMessageLength, Instant now) {
    this.maxNameLength = maxNameLength;
    this.maxMessageLength = maxMessageLength;
    this.now = now;
  }

  /** Prefixes the fields of the next document, e.g. {@code items[3].}. */
  void at(String newPrefix) {
    prefix = newPrefix;
  }

  void problem(String field, String reason) {
    problems.add(new Problem(prefix + field, reason));
  }

  List<Problem> problems() {
    return problems;
  }

  /**
   * A required name that becomes a label value, in NFC: 1 to max characters, no control characters, nothing
   * invisible or look-alike ({@link Names}).
   */
  String name(String field, String value) {
    if (value == null) {
      problem(field, "is required");
      return null;
    }
    return optionalName(field, value);
  }

  String optionalName(String field, String value) {
    if (value == null) {
      return null;
    }
    if (isPlainAscii(value)) {
      if (value.length() > maxNameLength) {
        problem(field, "is longer than " + maxNameLength + " characters");
      }
      return value;
    }
    if (value.isBlank()) {
      problem(field, "must not be empty or blank");
      return value;
    }
    if (containsControl(value)) {
      problem(field, "must not contain control characters such as newlines or tabs");
      return value;
    }
    if (!wellFormed(field, value)) {
      return value;
    }
    String name = Names.normalize(value);
    String lookAlike = Names.problem(name);
    if (lookAlike != null) {
      problem(field, lookAlike);
    } else if (name.codePointCount(0, name.length()) > maxNameLength) {
      problem(field, "is longer than " + maxNameLength + " characters");
    }
    return name;
  }

  String message(String field, String value) {
    if (value != null && value.codePointCount(0, value.length()) > maxMessageLength) {
      problem(field, "is longer than " + maxMessageLength + " characters");
    } else if (value != null) {
      wellFormed(field, value);
    }
    return value;
  }

  /**
   * JSON can spell a lone UTF-16 surrogate ("\\ud800"); UTF-8 cannot, so the exposition and the store would
   * turn it into '?', and two names differing only there into one series twice.
   */
  private boolean wellFormed(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        problem(field, "must be valid Unicode: it contains an unpaired surrogate (such as \\ud800)");
        return false;
      }
    }
    return true;
  }

  /**
   * Printable ASCII without a space at either end: already in NFC, with nothing invisible, look-alike or
   * unpaired, so every rule of {@link #optionalName} holds but the length. Most names are; they skip the
   * Unicode checks.
   */
  private static boolean isPlainAscii(String value) {
    int last = value.length() - 1;
    if (last < 0 || value.charAt(0) == ' ' || value.charAt(last) == ' ') {
      return false;
    }
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  long count(String field, Long value) {
    if (value == null) {
      return 0;
    }
    if (value < 0) {
      problem(field, "must not be negative");
    }
    return value;
  }

  Duration seconds(String field, Long value, Duration min, Duration max) {
    if (value == null) {
      return null;
    }
    if (value < min.toSeconds() || value > max.toSeconds()) {
      problem(field, "must be between " + min.toSeconds() + " and " + max.toSeconds() + " seconds");
      return null;
    }
    return Duration.ofSeconds(value);
  }

  Instant time(String field, Instant value, Instant whenAbsent) {
    if (value == null) {
      if (whenAbsent == null) {
        problem(field, "is required");
      }
      return whenAbsent;
    }
    if (value.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      problem(field, "is in the future (more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of the exporter's clock)");
    } else if (value.isBefore(EARLIEST)) {
      problem(field, "is before " + EARLIEST);
    }
    return value;
  }

  <E extends Enum<E>> E oneOf(String field, String value, E[] choices, Function<E, String> label, E whenAbsent) {
    if (value == null) {
      if (whenAbsent == null) {
        problem(field, "is required");
      }
      return whenAbsent;
    }
    Optional<E> match = Arrays.stream(choices).filter(c -> label.apply(c).equals(value)).findFirst();
    if (match.isEmpty()) {
      problem(field, "must be one of " + Arrays.stream(choices).map(label).collect(Collectors.joining(", ")));
    }
    return match.orElse(null);
  }
}
