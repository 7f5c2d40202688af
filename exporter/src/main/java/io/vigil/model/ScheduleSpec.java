package io.vigil.model;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A job's expected runs as written in the configuration or a job report: either {@code cron} (five fields, Unix
 * style, the run is expected at each time it fires) or {@code days} of the week with a window from {@code windowStart}
 * to {@code windowEnd} (HH:MM; an end at or before the start is on the next day), in {@code timeZone} (else the
 * tenant's), missed when no run has ended {@code graceSeconds} (else one hour) after the window's end. Checked by
 * {@link #check}; {@link Schedule#of} reads a checked one.
 */
public record ScheduleSpec(String cron, List<String> days, String windowStart, String windowEnd, String timeZone, Long graceSeconds) {
  static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final int MAX_CRON_LENGTH = 100;
  private static final long MAX_GRACE_SECONDS = 31L * 86_400;
  /** Any date a cron can name comes within a few years of any start (29 February within eight). */
  private static final ZonedDateTime SEARCH_FROM = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  /** Calls {@code problem} with the key (relative to the schedule) and the reason for each rule it breaks. */
  public void check(BiConsumer<String, String> problem) {
    if (cron != null) {
      if (days != null || windowStart != null || windowEnd != null) {
        problem.accept("cron", "give either cron or days with window_start and window_end, not both");
      } else if (cron.length() > MAX_CRON_LENGTH) {
        problem.accept("cron", "must be at most " + MAX_CRON_LENGTH + " characters");
      } else {
        try {
          Cron parsed = CRON.parse(cron).validate();
          if (neverFires(parsed)) {
            problem.accept("cron", "never fires ('" + cron + "'): no month has such a day");
          }
        } catch (IllegalArgumentException e) {
          problem.accept("cron", "is not a valid five-field cron expression ('" + cron + "'): " + e.getMessage());
        }
      }
    } else if (days == null || days.isEmpty()) {
      problem.accept("days", "give cron, or days (mon..sun) with window_start and window_end");
    } else if (days.size() > 7) {
      problem.accept("days", "must list at most the 7 days of the week");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < days.size(); i++) {
        if (day(days.get(i)) == null) {
          problem.accept("days[" + i + "]", "must be one of mon, tue, wed, thu, fri, sat, sun, got '" + days.get(i) + "'");
        } else if (!seen.add(days.get(i).toLowerCase(Locale.ROOT))) {
          problem.accept("days[" + i + "]", "'" + days.get(i) + "' is given twice");
        }
      }
      time("window_start", windowStart, problem);
      time("window_end", windowEnd, problem);
    }
    if (timeZone != null) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        problem.accept("time_zone", "is not a known time zone ('" + timeZone + "'); use a tz database name such as Europe/Berlin");
      }
    }
    if (graceSeconds != null && (graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS)) {
      problem.accept("grace_seconds", "must be 0 to " + MAX_GRACE_SECONDS + " (31 days)");
    }
  }

  /**
   * Only days of the month restricted together with months (and any day of the week) can name a date that never comes,
   * such as 31 February; only then is the next time searched (which for such a date takes about half a second).
   */
  private static boolean neverFires(Cron cron) {
    boolean dayAndMonth = !(cron.retrieve(CronFieldName.DAY_OF_MONTH).getExpression() instanceof Always)
        && !(cron.retrieve(CronFieldName.MONTH).getExpression() instanceof Always)
        && cron.retrieve(CronFieldName.DAY_OF_WEEK).getExpression() instanceof Always;
    return dayAndMonth && ExecutionTime.forCron(cron).nextExecution(SEARCH_FROM).isEmpty();
  }

  private static void time(String key, String value, BiConsumer<String, String> problem) {
    if (value == null) {
      problem.accept(key, "is required with days (HH:MM)");
    } else if (localTime(value) == null) {
      problem.accept(key, "must be a time of day HH:MM, got '" + value + "'");
    }
  }

  static LocalTime localTime(String value) {
    if (value == null || !value.matches("\\d\\d:\\d\\d")) {
      return null;
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static DayOfWeek day(String value) {
    if (value == null) {
      return null;
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().substring(0, 3).equalsIgnoreCase(value)) {
        return day;
      }
    }
    return null;
  }
}
