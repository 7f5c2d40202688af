package io.vigil.testsupport;

import java.time.Instant;

/** JSON bodies of the push API, for tests. */
public final class Pushes {
  private Pushes() {}

  public static String jobReport(String customer, String device, String job, String runId, String status, Instant end) {
    return """
        {"customer": "%s", "device": "%s", "job": "%s", "run_id": "%s", "status": "%s",
         "started_at": "%s", "ended_at": "%s", "bytes": 1048576, "files": 42, "errors": 0, "warnings": 0,
         "message": "done"}"""
        .formatted(customer, device, job, runId, status, end.minusSeconds(600), end);
  }

  public static String heartbeat(String customer, String device, long intervalSeconds) {
    return """
        {"customer": "%s", "device": "%s", "interval_seconds": %d, "product": "SiteRecorder", "version": "1.0"}"""
        .formatted(customer, device, intervalSeconds);
  }

  public static String event(String customer, String device, String error, String state) {
    return """
        {"customer": "%s", "device": "%s", "error": "%s", "state": "%s", "message": "from a test"}"""
        .formatted(customer, device, error, state);
  }

  /** The body as an item of a batch: {"type": TYPE, ...body}. */
  public static String withType(String type, String body) {
    return "{\"type\": \"" + type + "\", " + body.strip().substring(1);
  }
}
