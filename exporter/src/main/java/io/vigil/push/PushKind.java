package io.vigil.push;

/** The push endpoints, each with the JSON document it takes. */
public enum PushKind {
  JOB_REPORT("job_report", "/api/v1/job-reports", Body.JobReport.class),
  HEARTBEAT("heartbeat", "/api/v1/heartbeats", Body.Heartbeat.class),
  EVENT("event", "/api/v1/events", Body.Event.class),
  BATCH("batch", "/api/v1/batch", Body.Batch.class);

  private final String label;
  private final String path;
  private final Class<?> bodyType;

  PushKind(String label, String path, Class<?> bodyType) {
    this.label = label;
    this.path = path;
    this.bodyType = bodyType;
  }

  public String label() {
    return label;
  }

  public String path() {
    return path;
  }

  Class<?> bodyType() {
    return bodyType;
  }
}
