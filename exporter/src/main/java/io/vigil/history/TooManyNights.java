package io.vigil.history;

/** A question about more nights, or job-nights, than {@link NightlyHistory} answers at once; nothing was read. */
public final class TooManyNights extends IllegalArgumentException {
  TooManyNights(String message) {
    super(message);
  }
}
