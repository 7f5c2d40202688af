package io.vigil.view;

import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.model.JobStatus;
import java.time.Duration;

/**
 * A job at one moment: its stored facts, the grace that applies to it (its own, else its tenant's) and what
 * {@link io.vigil.model.StatusRules} derive from them then: the status, and the time since the newest success
 * (since the first run for a job that never succeeded).
 */
public record JobView(JobState state, Duration grace, JobStatus status, Duration sinceSuccess) {
  public JobKey key() {
    return state.key();
  }
}
