package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusRulesTest {
  static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  static final Duration GRACE = Duration.ofHours(24);
  static final JobKey KEY = new JobKey("acme", "Dental", "fs01", "nightly");

  /** For runs applied in order of their end: the run history is never needed then. */
  static final JobState.History<RuntimeException> NO_LATE_RUNS = (key, after) -> {
    throw new AssertionError("the run history is only needed for a late run");
  };

  static JobRun run(String id, JobResult result, Instant end) {
    return new JobRun(KEY, id, result, end.minusSeconds(600), end, 10, 1, 0, 0, null, null, null);
  }

  @Test
  void newestSuccessWithinGraceIsOk() {
    JobState job = JobState.first(run("r1", JobResult.SUCCESS, T0), T0);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plus(Duration.ofHours(1)))).isEqualTo(JobStatus.OK);
  }

  @Test
  void overdueWinsOverOkOnceGraceHasPassed() {
    JobState job = JobState.first(run("r1", JobResult.SUCCESS, T0), T0);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plus(GRACE))).as("exactly at the grace").isEqualTo(JobStatus.OK);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plus(GRACE).plusSeconds(1))).isEqualTo(JobStatus.OVERDUE);
  }

  @Test
  void newestRunDecidesBetweenWarningAndFailedWithinGrace() {
    JobState job = JobState.first(run("r1", JobResult.SUCCESS, T0), T0)
        .apply(run("r2", JobResult.WARNING, T0.plusSeconds(3600)), T0, NO_LATE_RUNS);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plusSeconds(7200))).isEqualTo(JobStatus.WARNING);
    job = job.apply(run("r3", JobResult.FAILED, T0.plusSeconds(7200)), T0, NO_LATE_RUNS);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plusSeconds(7300))).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void warningsDoNotCountAsSuccessForTheGrace() {
    JobState job = JobState.first(run("r1", JobResult.SUCCESS, T0), T0)
        .apply(run("r2", JobResult.WARNING, T0.plus(Duration.ofHours(23))), T0, NO_LATE_RUNS);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plus(Duration.ofHours(25)))).isEqualTo(JobStatus.OVERDUE);
  }

  @Test
  void jobThatNeverSucceededIsMeasuredFromItsFirstRun() {
    JobState job = JobState.first(run("r1", JobResult.FAILED, T0), T0);
    assertThat(StatusRules.successReference(job)).isEqualTo(T0);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plus(Duration.ofHours(2)))).isEqualTo(JobStatus.FAILED);
    assertThat(StatusRules.jobStatus(job, GRACE, T0.plus(GRACE).plusSeconds(1))).isEqualTo(JobStatus.OVERDUE);
  }

  @Test
  void deviceIsUnavailableOnlyAfterThreeMissedHeartbeats() {
    Duration interval = Duration.ofSeconds(60);
    assertThat(StatusRules.deviceUp(T0, interval, T0.plusSeconds(120))).as("2 missed").isTrue();
    assertThat(StatusRules.deviceUp(T0, interval, T0.plusSeconds(180))).as("third one just due").isTrue();
    assertThat(StatusRules.deviceUp(T0, interval, T0.plusSeconds(181))).as("3 missed").isFalse();
  }

  @Test
  void anAgeIsNeverNegativeForATimeAheadOfTheClock() {
    assertThat(StatusRules.age(T0.plusSeconds(240), T0)).isEqualTo(Duration.ZERO);
    assertThat(StatusRules.age(T0.minusSeconds(240), T0)).isEqualTo(Duration.ofSeconds(240));
  }
}
