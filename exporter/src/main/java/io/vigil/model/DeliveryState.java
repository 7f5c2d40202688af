package io.vigil.model;

import java.util.Locale;

/** Where a report's delivery stands ({@link Delivery}). */
public enum DeliveryState {
  SENDING, SENT, RETRY, GAVE_UP,
  /** Nothing to report (a customer without jobs, devices or chains that month): settled without a mail. */
  SKIPPED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
