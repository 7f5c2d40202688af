package io.vigil.history;

/**
 * One job's result for one night. {@code PENDING}: nothing has ended yet and the night (or its expected run's deadline)
 * is not over. {@code NOT_SCHEDULED} and {@code PENDING} nights are not expected days of the success rate.
 */
public enum NightResult {
  SUCCESS, WARNING, FAILED, MISSED, NOT_SCHEDULED, PENDING;

  /** Whether the night counts as an expected day. */
  public boolean expected() {
    return this != NOT_SCHEDULED && this != PENDING;
  }

  public String label() {
    return name().toLowerCase();
  }
}
