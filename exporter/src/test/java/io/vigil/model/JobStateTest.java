package io.vigil.model;

import static io.vigil.model.StatusRulesTest.T0;
import static io.vigil.model.StatusRulesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobStateTest {
  @Test
  void countsFailedRunsInARowAndResetsOnTheNextSuccess() {
    JobState job = JobState.first(run("r1", JobResult.SUCCESS, T0), T0);
    for (int i = 1; i <= 3; i++) {
      job = job.apply(run("f" + i, JobResult.FAILED, T0.plusSeconds(3600L * i)), T0);
    }
    assertThat(job.consecutiveFailures()).isEqualTo(3);
    job = job.apply(run("ok", JobResult.SUCCESS, T0.plusSeconds(3600L * 4)), T0);
    assertThat(job.consecutiveFailures()).isZero();
  }

  @Test
  void aWarningBreaksTheFailureStreak() {
    JobState job = JobState.first(run("f1", JobResult.FAILED, T0), T0)
        .apply(run("w1", JobResult.WARNING, T0.plusSeconds(60)), T0);
    assertThat(job.consecutiveFailures()).isZero();
  }

  @Test
  void aLateRunDoesNotReplaceTheNewestButCountsAndMayMoveLastSuccess() {
    JobState job = JobState.first(run("new", JobResult.FAILED, T0), T0)
        .apply(run("old", JobResult.SUCCESS, T0.minus(Duration.ofHours(5))), T0);
    assertThat(job.lastRun().runId()).isEqualTo("new");
    assertThat(job.lastSuccess()).isEqualTo(T0.minus(Duration.ofHours(5)));
    assertThat(job.firstSeen()).isEqualTo(T0.minus(Duration.ofHours(5)));
    assertThat(job.consecutiveFailures()).isEqualTo(1);
    assertThat(job.runs(JobResult.SUCCESS)).isEqualTo(1);
    assertThat(job.runs(JobResult.FAILED)).isEqualTo(1);
  }

  @Test
  void aReportedGraceStaysUntilAnotherReportChangesIt() {
    JobRun withGrace = new JobRun(StatusRulesTest.KEY, "r1", JobResult.SUCCESS, T0.minusSeconds(60), T0, 0, 0, 0, 0, null,
        Duration.ofHours(36), null);
    JobState job = JobState.first(withGrace, T0).apply(run("r2", JobResult.SUCCESS, T0.plusSeconds(60)), T0);
    assertThat(job.grace()).isEqualTo(Duration.ofHours(36));
  }
}
