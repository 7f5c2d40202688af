package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/**
 * What is known about one job: facts only, status is derived by {@link StatusRules}.
 *
 * <p>{@code consecutiveFailures} counts failed runs after the newest run that did not fail. It is
 * exact when runs arrive in order of their end; a late failure newer than the newest non-failure
 * still counts, a late success older than the newest run does not reset the streak.
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
    String product) {

  public static JobState first(JobRun run, Instant receivedAt) {
    return new JobState(run.key(), run.endedAt(), receivedAt, null, null, null, 0, 0, 0, 0, null, null)
        .apply(run, receivedAt);
  }

  public JobState apply(JobRun run, Instant receivedAt) {
    boolean newest = lastRun == null || !run.endedAt().isBefore(lastRun.endedAt());
    boolean failed = run.result() == JobResult.FAILED;
    Instant success = run.result() == JobResult.SUCCESS ? latest(lastSuccess, run.endedAt()) : lastSuccess;
    long streak = consecutiveFailures;
    Instant nonFailure = lastNonFailure;
    if (failed) {
      if (lastNonFailure == null || run.endedAt().isAfter(lastNonFailure)) {
        streak++;
      }
    } else {
      nonFailure = latest(lastNonFailure, run.endedAt());
      if (newest) {
        streak = 0;
      }
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
        run.grace() != null ? run.grace() : grace,
        run.product() != null ? run.product() : product);
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
