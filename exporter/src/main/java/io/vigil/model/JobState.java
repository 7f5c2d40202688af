package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/**
 * What is known about one job: facts only, status is derived by {@link StatusRules}.
 *
 * <p>Every fact is the same whatever order the runs arrive in (agents re-send backlogs): the newest run is
 * the one that ended last, and {@code consecutiveFailures} counts the failed runs that ended after the
 * newest run that did not fail. A late failure counts when it is newer than that run; a late success or
 * warning that becomes that run, but is older than the newest run, recounts the failures after it from
 * the job's run history.
 */
public record JobState(
    JobKey key,
    Instant firstSeen,
    Instant lastReport,
    JobRun lastRun,
    Instant lastSuccess,
    Instant lastNonFailure,
    long consecutiveFailures,
    long successRuns,
    long warningRuns,
    long failedRuns,
    Duration grace,
    String product,
    ScheduleSpec schedule) {

  public static JobState first(JobRun run, Instant receivedAt) {
    return new JobState(run.key(), run.endedAt(), receivedAt, null, null, null, 0, 0, 0, 0, null, null, null)
        .apply(run, receivedAt, (key, after) -> 0);
  }

  /** The job's stored runs, asked only when a late run ends a failure streak partway. */
  @FunctionalInterface
  public interface History<E extends Exception> {
    long failedRunsAfter(JobKey key, Instant from) throws E;
  }

  public <E extends Exception> JobState apply(JobRun run, Instant receivedAt, History<E> history) throws E {
    boolean newest = lastRun == null || endsAfter(run, lastRun);
    boolean failed = run.result() == JobResult.FAILED;
    Instant success = run.result() == JobResult.SUCCESS ? latest(lastSuccess, run.endedAt()) : lastSuccess;
    long streak = consecutiveFailures;
    Instant nonFailure = lastNonFailure;
    if (failed && (lastNonFailure == null || !run.endedAt().isBefore(lastNonFailure))) {
      streak++;
    } else if (!failed && (lastNonFailure == null || run.endedAt().isAfter(lastNonFailure))) {
      nonFailure = run.endedAt();
      streak = newest ? 0 : history.failedRunsAfter(key, run.endedAt());
    }
    return new JobState(
        key,
        run.endedAt().isBefore(firstSeen) ? run.endedAt() : firstSeen,
        latest(lastReport, receivedAt),
        newest ? run : lastRun,
        success,
        nonFailure,
        streak,
        successRuns + (run.result() == JobResult.SUCCESS ? 1 : 0),
        warningRuns + (run.result() == JobResult.WARNING ? 1 : 0),
        failedRuns + (failed ? 1 : 0),
        // A late older run does not undo what a newer one reported; it only fills in what is still unknown.
        run.grace() != null && (newest || grace == null) ? run.grace() : grace,
        run.product() != null && (newest || product == null) ? run.product() : product,
        run.schedule() != null && (newest || schedule == null) ? run.schedule() : schedule);
  }

  /**
   * Whether {@code run} ended after {@code other}. Runs that end at the same moment are ordered so that the
   * result does not depend on which arrived first and a tie never hides a failure: a failure after a success
   * or warning (the streak counts the failures at or after the newest non-failure), then by run id.
   */
  private static boolean endsAfter(JobRun run, JobRun other) {
    int byEnd = run.endedAt().compareTo(other.endedAt());
    if (byEnd != 0) {
      return byEnd > 0;
    }
    boolean runFailed = run.result() == JobResult.FAILED;
    if (runFailed != (other.result() == JobResult.FAILED)) {
      return runFailed;
    }
    return run.runId().compareTo(other.runId()) > 0;
  }

  public long runs(JobResult result) {
    return switch (result) {
      case SUCCESS -> successRuns;
      case WARNING -> warningRuns;
      case FAILED -> failedRuns;
    };
  }

  static Instant latest(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
