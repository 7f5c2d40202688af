package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished run of a backup job, as reported by the backup client; {@code grace}, {@code product} and {@code schedule}
 * are what the report says about the job (null when it says nothing).
 */
public record JobRun(
    JobKey key,
    String runId,
    JobResult result,
    Instant startedAt,
    Instant endedAt,
    long bytes,
    long files,
    long errors,
    long warnings,
    String message,
    Duration grace,
    String product,
    ScheduleSpec schedule) implements Report {

  /** A run whose report gives no schedule. */
  public JobRun(JobKey key, String runId, JobResult result, Instant startedAt, Instant endedAt, long bytes, long files, long errors,
      long warnings, String message, Duration grace, String product) {
    this(key, runId, result, startedAt, endedAt, bytes, files, errors, warnings, message, grace, product, null);
  }

  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }

  @Override
  public String tenant() {
    return key().tenant();
  }

  @Override
  public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
    return visitor.jobRun(this);
  }
}
