package io.vigil.model;

import java.util.List;

/**
 * How the runs of one job that ended in one night become that night's result. {@code MIXED} (the default): success
 * when every run succeeded, failed when every run failed, else warning. {@code WORST}: the worst of them (failed, then
 * warning, then success). {@code LAST}: the result of the run that ended last.
 */
public enum RollUp {
  MIXED, WORST, LAST;

  /** {@code results} in the order the runs ended, at least one. */
  public JobResult of(List<JobResult> results) {
    return switch (this) {
      case MIXED -> results.stream().allMatch(r -> r == results.get(0)) ? results.get(0) : JobResult.WARNING;
      case WORST -> results.contains(JobResult.FAILED) ? JobResult.FAILED
          : results.contains(JobResult.WARNING) ? JobResult.WARNING : JobResult.SUCCESS;
      case LAST -> results.get(results.size() - 1);
    };
  }

  public String label() {
    return name().toLowerCase();
  }
}
