package io.vigil.model;

import java.util.Arrays;
import java.util.Optional;

/** The outcome a backup product reports for one finished run. */
public enum JobResult {
  SUCCESS, WARNING, FAILED;

  public String label() {
    return name().toLowerCase();
  }

  public static Optional<JobResult> fromLabel(String label) {
    return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
  }
}
