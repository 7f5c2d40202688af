package io.vigil.model;

import static io.vigil.model.StatusRulesTest.NO_LATE_RUNS;
import static io.vigil.model.StatusRulesTest.T0;
import static io.vigil.model.StatusRulesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobStateTest {
  @Test
  void countsFailedRunsInARowAndResetsOnTheNextSuccess() {
    JobState job = JobState.first(run("r1", JobResult.SUCCESS, T0), T0);
    for (int i = 1; i <= 3; i++) {
      job = job.apply(run("f" + i, JobResult.FAILED, T0.plusSeconds(3600L * i)), T0, NO_LATE_RUNS);
    }
    assertThat(job.consecutiveFailures()).isEqualTo(3);
    job = job.apply(run("ok", JobResult.SUCCESS, T0.plusSeconds(3600L * 4)), T0, NO_LATE_RUNS);
    assertThat(job.consecutiveFailures()).isZero();
  }

  @Test
  void aWarningBreaksTheFailureStreak() {
    JobState job = JobState.first(run("f1", JobResult.FAILED, T0), T0)
        .apply(run("w1", JobResult.WARNING, T0.plusSeconds(60)), T0, NO_LATE_RUNS);
    assertThat(job.consecutiveFailures()).isZero();
  }

  @Test
  void aLateRunDoesNotReplaceTheNewestButCountsAndMayMoveLastSuccess() {
    JobState job = arriving(run("new", JobResult.FAILED, T0), run("old", JobResult.SUCCESS, T0.minus(Duration.ofHours(5))));
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
    JobState job = JobState.first(withGrace, T0).apply(run("r2", JobResult.SUCCESS, T0.plusSeconds(60)), T0, NO_LATE_RUNS);
    assertThat(job.grace()).isEqualTo(Duration.ofHours(36));
  }

  /** The job's state after the runs arrive in this order, with the run history the store would hold. */
  static JobState arriving(JobRun... runs) {
    List<JobRun> stored = new ArrayList<>();
    JobState.History<RuntimeException> history = (key, from) ->
        stored.stream().filter(r -> r.result() == JobResult.FAILED && !r.endedAt().isBefore(from)).count();
    JobState job = null;
    for (JobRun run : runs) {
      stored.add(run);
      job = job == null ? JobState.first(run, T0) : job.apply(run, T0, history);
    }
    return job;
  }

  @Test
  void failuresSinceTheNewestSuccessAreCountedByEndTimeInEveryArrivalOrder() {
    JobRun failed3h = run("f-3h", JobResult.FAILED, T0.minus(Duration.ofHours(3)));
    JobRun success2h = run("s-2h", JobResult.SUCCESS, T0.minus(Duration.ofHours(2)));
    JobRun failed1h = run("f-1h", JobResult.FAILED, T0.minus(Duration.ofHours(1)));
    List<List<JobRun>> orders = List.of(
        List.of(failed3h, success2h, failed1h), List.of(failed3h, failed1h, success2h),
        List.of(success2h, failed3h, failed1h), List.of(success2h, failed1h, failed3h),
        List.of(failed1h, failed3h, success2h), List.of(failed1h, success2h, failed3h));
    for (List<JobRun> order : orders) {
      JobState job = arriving(order.toArray(JobRun[]::new));
      String arrival = order.stream().map(JobRun::runId).toList().toString();
      assertThat(job.consecutiveFailures()).as("failures after arriving as %s", arrival).isEqualTo(1);
      assertThat(job.lastRun()).as("newest run after %s", arrival).isEqualTo(failed1h);
      assertThat(job.lastSuccess()).as("last success after %s", arrival).isEqualTo(success2h.endedAt());
      assertThat(job.firstSeen()).as("first seen after %s", arrival).isEqualTo(failed3h.endedAt());
      assertThat(StatusRules.jobStatus(job, Duration.ofDays(1), T0)).as("status after %s", arrival).isEqualTo(JobStatus.FAILED);
    }
  }

  @Test
  void everyRunFactIsTheSameWhateverOrderAMixedBacklogArrivesIn() {
    List<JobRun> history = new ArrayList<>();
    JobResult[] results = {JobResult.FAILED, JobResult.SUCCESS, JobResult.FAILED, JobResult.FAILED, JobResult.WARNING,
        JobResult.FAILED, JobResult.SUCCESS, JobResult.FAILED, JobResult.FAILED, JobResult.FAILED};
    for (int i = 0; i < results.length; i++) {
      history.add(new JobRun(StatusRulesTest.KEY, "r" + i, results[i], T0.plusSeconds(3600L * i - 600), T0.plusSeconds(3600L * i),
          i, 1, 0, 0, null, null, null));
    }
    // Two runs that end at the same moment, so ties are ordered too.
    history.add(run("tie-failed", JobResult.FAILED, T0.plusSeconds(3600L * 9)));
    JobState inOrder = arriving(history.toArray(JobRun[]::new));
    assertThat(inOrder.consecutiveFailures()).isEqualTo(4);
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      List<JobRun> shuffled = new ArrayList<>(history);
      Collections.shuffle(shuffled, random);
      assertThat(arriving(shuffled.toArray(JobRun[]::new)))
          .as("arriving as %s", shuffled.stream().map(JobRun::runId).toList())
          .usingRecursiveComparison().ignoringFields("lastReport", "grace", "product").isEqualTo(inOrder);
    }
  }

  @Test
  void aFailureThatEndsTheSameMomentAsASuccessIsTheNewerWhateverArrivesFirst() {
    JobRun success = run("ok", JobResult.SUCCESS, T0);
    JobRun failure = run("abort", JobResult.FAILED, T0);
    for (JobState job : List.of(arriving(success, failure), arriving(failure, success))) {
      assertThat(job.lastRun().runId()).isEqualTo("abort");
      assertThat(job.consecutiveFailures()).isEqualTo(1);
      assertThat(StatusRules.jobStatus(job, Duration.ofDays(1), T0)).isEqualTo(JobStatus.FAILED);
    }
  }

  @Test
  void aLateOlderRunDoesNotUndoTheGraceOrProductANewerRunReported() {
    JobRun newer = new JobRun(StatusRulesTest.KEY, "new", JobResult.SUCCESS, T0.minusSeconds(60), T0, 0, 0, 0, 0, null,
        Duration.ofHours(36), "agent 2.0");
    JobRun older = new JobRun(StatusRulesTest.KEY, "old", JobResult.SUCCESS, T0.minusSeconds(7260), T0.minusSeconds(7200), 0, 0, 0, 0,
        null, Duration.ofHours(12), "agent 1.0");
    JobState job = arriving(newer, older);
    assertThat(job.grace()).isEqualTo(Duration.ofHours(36));
    assertThat(job.product()).isEqualTo("agent 2.0");
  }
}
