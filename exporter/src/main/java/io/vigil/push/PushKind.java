package io.vigil.push;

/**
 * The push endpoints: the one place their names (a batch item's {@code type}, the {@code kind} label of
 * {@code vigil_push_requests_total}, which counts every kind) and paths are written. A new kind does not
 * compile until {@link Body#item} says what it holds and {@code Routes} which handler answers it (switches
 * without a default); a new kind of report then not until {@link PushParser} makes it and {@code Changes}
 * applies and stores it ({@link io.vigil.model.Report.Visitor}).
 */
public enum PushKind {
  JOB_REPORT("job_report", "/api/v1/job-reports"),
  HEARTBEAT("heartbeat", "/api/v1/heartbeats"),
  EVENT("event", "/api/v1/events"),
  BATCH("batch", "/api/v1/batch"),
  RETIRE("retire", "/api/v1/retire");

  private final String label;
  private final String path;

  PushKind(String label, String path) {
    this.label = label;
    this.path = path;
  }

  public String label() {
    return label;
  }

  public String path() {
    return path;
  }
}
