package io.vigil.model;

import com.cronutils.model.time.ExecutionTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A checked {@link ScheduleSpec} in its time zone: the runs it expects, computed on the wall clock of that zone, so a
 * 02:00 run stays at 02:00 across daylight-saving changes. In the hour an autumn change repeats a start is the first of
 * the two; a window start in the hour a spring change skips moves to the first time after it, while a cron time in it
 * does not fire that day (as cron-utils computes it).
 */
public final class Schedule {
  /** How many expected runs one question walks at most (a cron firing every minute would otherwise walk forever). */
  static final int MAX_STEPS = 1000;
  private static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  private static final int WEEK = 7;

  private final ZoneId zone;
  private final Duration grace;
  private final ExecutionTime cron;
  private final Set<DayOfWeek> days;
  private final LocalTime windowStart;
  private final LocalTime windowEnd;

  private Schedule(ZoneId zone, Duration grace, ExecutionTime cron, Set<DayOfWeek> days, LocalTime windowStart, LocalTime windowEnd) {
    this.zone = zone;
    this.grace = grace;
    this.cron = cron;
    this.days = days;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
  }

  /** {@code spec} must have passed {@link ScheduleSpec#check}; {@code tenantZone} applies when it names none. */
  public static Schedule of(ScheduleSpec spec, ZoneId tenantZone) {
    ZoneId zone = spec.timeZone() != null ? ZoneId.of(spec.timeZone()) : tenantZone;
    Duration grace = spec.graceSeconds() != null ? Duration.ofSeconds(spec.graceSeconds()) : DEFAULT_GRACE;
    if (spec.cron() != null) {
      return new Schedule(zone, grace, ExecutionTime.forCron(ScheduleSpec.CRON.parse(spec.cron())), null, null, null);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    spec.days().forEach(day -> days.add(ScheduleSpec.day(day)));
    return new Schedule(zone, grace, null, days, ScheduleSpec.localTime(spec.windowStart()), ScheduleSpec.localTime(spec.windowEnd()));
  }

  public Duration grace() {
    return grace;
  }

  /** The newest expected run whose deadline is before {@code now}, or null when there is none. */
  public ExpectedRun lastDue(Instant now) {
    if (cron != null) {
      // deadline = start + grace < now
      Instant start = startAtOrBefore(now.minus(grace).minusNanos(1));
      return start == null ? null : run(start);
    }
    Instant start = startAtOrBefore(now);
    for (int i = 0; i < MAX_STEPS && start != null; i++) {
      ExpectedRun run = run(start);
      if (run.deadline().isBefore(now)) {
        return run;
      }
      start = startAtOrBefore(start.minusNanos(1));
    }
    return null;
  }

  /** The first expected run that starts after {@code after}, or null when there is none within a year. */
  public Instant nextStart(Instant after) {
    if (cron != null) {
      return cron.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
    }
    LocalDate date = after.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= WEEK + 1; i++, date = date.plusDays(1)) {
      if (days.contains(date.getDayOfWeek())) {
        Instant start = date.atTime(windowStart).atZone(zone).toInstant();
        if (start.isAfter(after)) {
          return start;
        }
      }
    }
    return null;
  }

  /** Expected runs that start in [from, to), oldest first, at most {@value #MAX_STEPS}. */
  public List<ExpectedRun> startingIn(Instant from, Instant to) {
    List<ExpectedRun> runs = new ArrayList<>();
    Instant start = nextStart(from.minusNanos(1));
    while (start != null && start.isBefore(to) && runs.size() < MAX_STEPS) {
      runs.add(run(start));
      start = nextStart(start);
    }
    return runs;
  }

  /**
   * Expected runs missed since {@code lastResult} (the end of the newest run): those that started after it and whose
   * deadline is before {@code now}, counted up to {@value #MAX_STEPS}.
   */
  public long missedAfter(Instant lastResult, Instant now) {
    long missed = 0;
    ExpectedRun due = lastDue(now);
    while (due != null && due.start().isAfter(lastResult) && missed < MAX_STEPS) {
      missed++;
      Instant earlier = startAtOrBefore(due.start().minusNanos(1));
      due = earlier == null ? null : run(earlier);
    }
    return missed;
  }

  private ExpectedRun run(Instant start) {
    if (cron != null) {
      return new ExpectedRun(start, start.plus(grace));
    }
    LocalDate day = start.atZone(zone).toLocalDate();
    LocalDate endDay = windowEnd.isAfter(windowStart) ? day : day.plusDays(1);
    return new ExpectedRun(start, endDay.atTime(windowEnd).atZone(zone).toInstant().plus(grace));
  }

  /** The newest expected start at or before {@code t}, or null. */
  private Instant startAtOrBefore(Instant t) {
    ZonedDateTime at = t.atZone(zone);
    if (cron != null) {
      // lastExecution is strictly before its argument, and a cron fires on whole seconds (isMatch is not used: on a
      // date that never comes, such as 31 February, it searches for many milliseconds).
      return cron.lastExecution(at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)).map(ZonedDateTime::toInstant).orElse(null);
    }
    LocalDate date = at.toLocalDate();
    for (int i = 0; i <= WEEK; i++, date = date.minusDays(1)) {
      if (days.contains(date.getDayOfWeek())) {
        Instant start = date.atTime(windowStart).atZone(zone).toInstant();
        if (!start.isAfter(t)) {
          return start;
        }
      }
    }
    return null;
  }
}
