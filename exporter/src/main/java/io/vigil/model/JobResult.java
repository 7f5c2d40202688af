package io.vigil.model;

/** The outcome a backup product reports for one finished run. */
public enum JobResult {
  SUCCESS, WARNING, FAILED;

  public String label() {
    return name().toLowerCase();
  }
}
