package io.vigil.config;

import io.vigil.model.RollUp;
import java.time.LocalTime;

/**
 * How a tenant's nightly history is cut and rolled up: a night runs from {@code dayStart} (HH:MM, tenant time zone,
 * default 06:00) to the same time the next day, named after the day it starts on, so a run at 01:00 counts for the
 * night before; {@code rollUp} combines several runs of one night (default mixed).
 */
public record HistoryConfig(String dayStart, RollUp rollUp) {
  public HistoryConfig {
    dayStart = dayStart != null ? dayStart : "06:00";
    rollUp = rollUp != null ? rollUp : RollUp.MIXED;
  }

  public static HistoryConfig standard() {
    return new HistoryConfig(null, null);
  }

  /** The day start; {@link ConfigLoader} has checked it. */
  public LocalTime dayStartTime() {
    return LocalTime.parse(dayStart);
  }
}
