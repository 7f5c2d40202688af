package io.vigil.model;

/** A job's derived status; the labels double as the {@code status} label of {@code vigil_job_status}. */
public enum JobStatus {
  OK, WARNING, FAILED, OVERDUE, MISSED;

  public String label() {
    return name().toLowerCase();
  }
}
