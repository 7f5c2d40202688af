package io.vigil.history;

/** Successful days over expected days (days with a success, warning, failure or miss). */
public record SuccessRate(long successfulDays, long expectedDays) {
  static final SuccessRate NONE = new SuccessRate(0, 0);

  /** The share of expected days that succeeded, 0 to 1, or null when no day was expected. */
  public Double rate() {
    return expectedDays == 0 ? null : (double) successfulDays / expectedDays;
  }

  SuccessRate plus(SuccessRate other) {
    return new SuccessRate(successfulDays + other.successfulDays, expectedDays + other.expectedDays);
  }
}
