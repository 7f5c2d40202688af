package io.vigil.console;

import java.time.Instant;
import java.util.List;

/** Only what is wrong now, newest first. */
public record ErrorsPage(List<Trouble> troubles) {
  /**
   * One thing in error: its status ({@code failed}, {@code unavailable}, {@code broken}...), when it happened,
   * whose it is, what it is (a job, a device's error, a chain, a connector, a folder) and why.
   */
  public record Trouble(String status, Instant at, String customer, String customerLink, String what, String link, String detail) {}
}
