package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status of scheduled jobs, at controlled moments (no clock is read: StatusRules take the time). */
class ScheduleStatusTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final JobKey KEY = new JobKey("acme", "Dental", "fs01", "weekly");

  static JobState ranAt(String end) {
    Instant at = Instant.parse(end);
    return JobState.first(new JobRun(KEY, "r-" + end, JobResult.SUCCESS, at.minusSeconds(600), at, 1, 1, 0, 0, null, null, null), at);
  }

  static Schedule window(List<String> days, String start, String end, long graceSeconds) {
    return Schedule.of(new ScheduleSpec(null, days, start, end, null, graceSeconds), BERLIN);
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void weeklyJobStaysOkOnItsSixOffDays() {
    // Saturdays 01:00-05:00 Berlin (CET: 00:00-04:00 UTC), grace 1 h: deadline 05:00 UTC.
    Schedule saturdays = window(List.of("sat"), "01:00", "05:00", 3600);
    JobState job = ranAt("2026-11-21T03:00:00Z");
    List<JobStatus> week = new ArrayList<>();
    for (Instant t = at("2026-11-21T05:00:00Z"); !t.isAfter(at("2026-11-28T05:00:00Z")); t = t.plus(Duration.ofHours(1))) {
      week.add(StatusRules.jobStatus(job, saturdays, t));
    }
    assertThat(week).hasSize(7 * 24 + 1).containsOnly(JobStatus.OK);
    assertThat(StatusRules.jobStatus(job, Duration.ofHours(24), at("2026-11-23T12:00:00Z")))
        .as("the same job judged by a grace alone is overdue on Monday").isEqualTo(JobStatus.OVERDUE);
  }

  @Test
  void runMissedByOneSecondIsMissed() {
    Schedule saturdays = window(List.of("sat"), "01:00", "05:00", 3600);
    JobState job = ranAt("2026-11-21T03:00:00Z");
    assertThat(StatusRules.jobStatus(job, saturdays, at("2026-11-28T05:00:00Z"))).as("at the deadline").isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(job, saturdays, at("2026-11-28T05:00:01Z"))).isEqualTo(JobStatus.MISSED);
    assertThat(StatusRules.missedRuns(job, saturdays, at("2026-11-28T05:00:01Z"))).isEqualTo(1);
  }

  @Test
  void aRunEndingAtTheWindowStartIsThatRunsResult() {
    Schedule saturdays = window(List.of("sat"), "01:00", "05:00", 3600);
    JobState job = ranAt("2026-11-28T00:00:00Z");
    assertThat(StatusRules.jobStatus(job, saturdays, at("2026-11-28T06:00:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranAt("2026-11-27T23:59:59Z"), saturdays, at("2026-11-28T06:00:00Z")))
        .as("a second before the window opens it belongs to the week before").isEqualTo(JobStatus.MISSED);
  }

  @Test
  void theNewestRunDecidesOnceTheExpectedRunHasAResult() {
    Schedule daily = window(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "01:00", "05:00", 3600);
    Instant end = at("2026-11-24T02:00:00Z");
    JobState failed = JobState.first(new JobRun(KEY, "r1", JobResult.FAILED, end.minusSeconds(60), end, 0, 0, 1, 0, "disk full", null,
        null), end);
    assertThat(StatusRules.jobStatus(failed, daily, at("2026-11-24T12:00:00Z"))).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void springForwardMovesAStartInTheSkippedHourAndTheDeadlineStaysOnTheWallClock() {
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST. Window 02:30-04:00: 02:30 does not exist that day, the window
    // opens at 03:30 CEST (01:30 UTC) and closes 04:00 CEST (02:00 UTC), deadline 03:00 UTC; the day before it was
    // 04:00 UTC (a fixed +01:00 would say 04:00 UTC both days).
    Schedule daily = window(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "02:30", "04:00", 3600);
    JobState ranSaturday = ranAt("2026-03-28T02:00:00Z");
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-03-28T04:00:01Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-03-29T03:00:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-03-29T03:00:01Z"))).isEqualTo(JobStatus.MISSED);
    assertThat(StatusRules.jobStatus(ranAt("2026-03-29T01:30:00Z"), daily, at("2026-03-29T03:00:01Z")))
        .as("a run ending when the shifted window opens").isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranAt("2026-03-29T01:29:59Z"), daily, at("2026-03-29T03:00:01Z"))).isEqualTo(JobStatus.MISSED);
  }

  @Test
  void fallBackOpensTheWindowAtTheFirstOfTheRepeatedHourAndClosesItAfterTheChange() {
    // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET. Window 02:30-04:00 opens at the first 02:30 (CEST, 00:30 UTC)
    // and closes 04:00 CET (03:00 UTC): deadline 04:00 UTC (a fixed +02:00 would say 03:00 UTC).
    Schedule daily = window(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "02:30", "04:00", 3600);
    JobState ranSaturday = ranAt("2026-10-24T01:00:00Z");
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-10-25T04:00:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-10-25T04:00:01Z"))).isEqualTo(JobStatus.MISSED);
    assertThat(StatusRules.jobStatus(ranAt("2026-10-25T00:30:00Z"), daily, at("2026-10-25T04:00:01Z"))).isEqualTo(JobStatus.OK);
  }

  @Test
  void cronWeekdayJobIsNotDueAtTheWeekendAndMissedAfterMondaysGrace() {
    // 22:00 Berlin on weekdays (21:00 UTC in November), grace 2 h.
    Schedule weekdays = Schedule.of(new ScheduleSpec("0 22 * * 1-5", null, null, null, null, 7200L), BERLIN);
    JobState ranFriday = ranAt("2026-11-20T21:30:00Z");
    assertThat(StatusRules.jobStatus(ranFriday, weekdays, at("2026-11-22T20:00:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranFriday, weekdays, at("2026-11-23T23:00:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranFriday, weekdays, at("2026-11-23T23:00:01Z"))).isEqualTo(JobStatus.MISSED);
    assertThat(weekdays.nextStart(at("2026-11-21T12:00:00Z"))).isEqualTo(at("2026-11-23T21:00:00Z"));
  }

  @Test
  void aCronTimeInTheSkippedSpringHourDoesNotFireThatDay() {
    // 02:30 Berlin does not exist on 2026-03-29: cron-utils skips the day; the next run is 02:30 CEST on the 30th.
    Schedule daily = Schedule.of(new ScheduleSpec("30 2 * * *", null, null, null, null, 3600L), BERLIN);
    JobState ranSaturday = ranAt("2026-03-28T01:45:00Z");
    assertThat(daily.nextStart(at("2026-03-28T12:00:00Z"))).isEqualTo(at("2026-03-30T00:30:00Z"));
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-03-30T01:30:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(ranSaturday, daily, at("2026-03-30T01:30:01Z"))).isEqualTo(JobStatus.MISSED);
  }

  @Test
  void missedRunsCountTheExpectedRunsPastTheirDeadlineSinceTheNewestRun() {
    Schedule daily = window(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "01:00", "05:00", 3600);
    JobState job = ranAt("2026-11-20T03:00:00Z");
    assertThat(StatusRules.missedRuns(job, daily, at("2026-11-21T05:00:00Z"))).isZero();
    assertThat(StatusRules.missedRuns(job, daily, at("2026-11-23T12:00:00Z"))).isEqualTo(3);
    JobState ranAgain = job.apply(new JobRun(KEY, "r2", JobResult.SUCCESS, at("2026-11-23T13:00:00Z"), at("2026-11-23T13:10:00Z"), 1, 1,
        0, 0, null, null, null), at("2026-11-23T13:10:00Z"), (key, after) -> 0);
    assertThat(StatusRules.missedRuns(ranAgain, daily, at("2026-11-23T14:00:00Z"))).isZero();
  }

  @Test
  void aScheduleInItsOwnTimeZoneIgnoresTheTenants() {
    Schedule newYork = Schedule.of(new ScheduleSpec(null, List.of("sat"), "01:00", "05:00", "America/New_York", 0L), BERLIN);
    // Saturday 05:00 New York (EST) is 10:00 UTC.
    JobState job = ranAt("2026-11-21T08:00:00Z");
    assertThat(StatusRules.jobStatus(job, newYork, at("2026-11-28T10:00:00Z"))).isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(job, newYork, at("2026-11-28T10:00:01Z"))).isEqualTo(JobStatus.MISSED);
  }
}
