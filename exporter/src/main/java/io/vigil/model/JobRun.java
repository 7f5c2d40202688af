package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/** One finished run of a backup job, as reported by the backup client. */
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
    String product) implements Report {

  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }

  @Override
  public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
    return visitor.jobRun(this);
  }
}
