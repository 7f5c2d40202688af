package io.vigil.view;

import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.model.JobStatus;
import io.vigil.model.Schedule;
import java.time.Duration;
import java.time.Instant;

/**
 * A job at one moment: its stored facts, the grace that applies to it (its schedule's, else its own, else its tenant's)
 * and what {@link io.vigil.model.StatusRules} derive from them then: the status, and the time since the newest success
 * (since the first run for a job that never succeeded). A scheduled job also has its {@code schedule}, the start of
 * its next expected run (null when none is within a year) and the expected runs missed since its newest run; an
 * unscheduled one has null, null and 0.
 */
public record JobView(JobState state, Duration grace, JobStatus status, Duration sinceSuccess, Schedule schedule,
    Instant nextExpectedRun, long missedRuns) {
  public JobKey key() {
    return state.key();
  }
}
