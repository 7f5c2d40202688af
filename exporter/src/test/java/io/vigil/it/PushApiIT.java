package io.vigil.it;

import static io.vigil.testsupport.Pushes.event;
import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static io.vigil.testsupport.Pushes.withType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.JobStatus;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Promtool;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushApiIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    vigil = RunningExporter.start(dir, new TestClock(NOW));
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void aJobReportShowsUpInMetrics() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW.minusSeconds(60)));
    Exposition metrics = vigil.metrics();
    String[] job = {"tenant", "acme", "customer", "Dental", "device", "fs01", "backup_job", "nightly"};
    assertThat(metrics.jobStatus(job)).isEqualTo("ok");
    assertThat(metrics.value("vigil_job_last_success_timestamp_seconds", job)).isEqualTo(NOW.minusSeconds(60).getEpochSecond());
    assertThat(metrics.value("vigil_job_since_last_success_seconds", job)).isEqualTo(60);
    assertThat(metrics.value("vigil_job_last_run_duration_seconds", job)).isEqualTo(600);
    assertThat(metrics.value("vigil_job_last_run_bytes", job)).isEqualTo(1_048_576);
    assertThat(metrics.value("vigil_job_runs_total", "backup_job", "nightly", "result", "success")).isEqualTo(1);
    assertThat(metrics.value("vigil_job_grace_seconds", job)).isEqualTo(86_400);
  }

  @Test
  void aHeartbeatShowsUpInMetrics() throws Exception {
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr01", 30));
    Exposition metrics = vigil.metrics();
    String[] device = {"tenant", "acme", "customer", "Dental", "device", "nvr01"};
    assertThat(metrics.value("vigil_device_up", device)).isEqualTo(1);
    assertThat(metrics.value("vigil_device_last_heartbeat_timestamp_seconds", device)).isEqualTo(NOW.getEpochSecond());
    assertThat(metrics.value("vigil_device_heartbeat_interval_seconds", device)).isEqualTo(30);
    assertThat(metrics.find("vigil_device_info", "device", "nvr01", "product", "SiteRecorder", "version", "1.0")).isPresent();
  }

  @Test
  void anErrorEventIsActiveUntilCleared() throws Exception {
    vigil.push("/api/v1/events", "acme-push", event("Dental", "nvr01", "disk_full", "raised"));
    assertThat(vigil.metrics().value("vigil_device_error_active", "device", "nvr01", "error", "disk_full")).isEqualTo(1);
    assertThat(vigil.metrics().value("vigil_device_error_active", "device", "nvr01", "error", "camera_unreachable")).isZero();
    vigil.push("/api/v1/events", "acme-push", event("Dental", "nvr01", "disk_full", "cleared"));
    assertThat(vigil.metrics().value("vigil_device_error_active", "device", "nvr01", "error", "disk_full")).isZero();
  }

  @Test
  void aBatchAppliesEveryKindAtOnce() throws Exception {
    String batch = "{\"items\": [" + withType("job_report", jobReport("Dental", "fs01", "nightly", "r1", "failed", NOW)) + ","
        + withType("heartbeat", heartbeat("Dental", "nvr01", 60)) + ","
        + withType("event", event("Dental", "nvr01", "camera_unreachable", "raised")) + "]}";
    assertThat(JSON.readTree(vigil.push("/api/v1/batch", "acme-push", batch)).get("accepted").asInt()).isEqualTo(3);
    Exposition metrics = vigil.metrics();
    assertThat(metrics.jobStatus("backup_job", "nightly")).isEqualTo("failed");
    assertThat(metrics.value("vigil_device_up", "device", "nvr01")).isEqualTo(1);
    assertThat(metrics.value("vigil_device_error_active", "device", "nvr01", "error", "camera_unreachable")).isEqualTo(1);
  }

  @Test
  void reSendingTheSameRunIdIsIdempotent() throws Exception {
    String report = jobReport("Dental", "fs01", "nightly", "r1", "failed", NOW);
    JsonNode first = JSON.readTree(vigil.push("/api/v1/job-reports", "acme-push", report));
    JsonNode again = JSON.readTree(vigil.push("/api/v1/job-reports", "acme-push", report));
    assertThat(first.get("accepted").asInt()).isEqualTo(1);
    assertThat(again.get("accepted").asInt()).isZero();
    assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    Exposition metrics = vigil.metrics();
    assertThat(metrics.value("vigil_job_runs_total", "backup_job", "nightly", "result", "failed")).isEqualTo(1);
    assertThat(metrics.value("vigil_job_consecutive_failures", "backup_job", "nightly")).isEqualTo(1);
  }

  @Test
  void aRejectedBatchWritesNothing() throws Exception {
    String batch = "{\"items\": [" + withType("job_report", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW)) + ","
        + "{\"type\": \"heartbeat\", \"customer\": \"Dental\"}]}";
    HttpResponse<String> response = vigil.post("/api/v1/batch", "acme-push", batch);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("problems").get(0).get("field").asText()).isEqualTo("items[1].device");
    assertThat(vigil.metrics().samples("vigil_job_status")).isEmpty();
  }

  @Test
  void badInputGetsA4xxWithAJsonReasonAndTheExpositionStaysValid() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW));
    String[][] cases = {
        {"/api/v1/job-reports", "{\"customer\": ", "400", "malformed JSON"},
        {"/api/v1/job-reports", jobReport("Dental", "fs01", "nightly", "r2", "success", NOW).replace("\"files\": 42", "\"files\": \"many\""), "400", "files"},
        {"/api/v1/heartbeats", "{\"customer\": \"a\", \"device\": \"b\", \"mood\": \"ok\"}", "400", "mood"},
        {"/api/v1/heartbeats", heartbeat("x".repeat(200), "b", 30), "400", "longer than 128"},
        {"/api/v1/heartbeats", heartbeat("Evil\\n# TYPE fake counter", "b", 30), "400", "control characters"},
        {"/api/v1/events", event("a", "b", "meteor_strike", "raised"), "400", "must be one of"},
        {"/api/v1/heartbeats", "{\"customer\": \"" + "y".repeat(1_100_000) + "\"}", "413", "bytes"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response = vigil.post(c[0], "acme-push", c[1]);
      assertThat(response.statusCode()).as(c[3]).isEqualTo(Integer.parseInt(c[2]));
      assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/json");
      assertThat(JSON.readTree(response.body()).get("message").asText()).contains(c[3]);
    }
    Promtool.assertValidExposition(vigil.get("/metrics", RunningExporter.ADMIN).body());
    assertThat(vigil.metrics().samples("vigil_job_status")).as("one job, one series per status").hasSize(JobStatus.values().length);
  }

  @Test
  void quotesAndBackslashesInNamesAreEscapedInTheExposition() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Bob \\\"The\\\" Dentist", "C:\\\\srv", "nightly", "r1", "success", NOW));
    String text = vigil.get("/metrics", RunningExporter.ADMIN).body();
    Promtool.assertValidExposition(text);
    assertThat(Exposition.parse(text).jobStatus("customer", "Bob \"The\" Dentist", "device", "C:\\srv")).isEqualTo("ok");
  }

  @Test
  void wrongMethodsAndUnknownPathsGetJsonErrors() throws Exception {
    HttpResponse<String> get = vigil.get("/api/v1/job-reports", "acme-push");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(get.body()).get("error").asText()).isEqualTo("method_not_allowed");
    HttpResponse<String> unknown = vigil.get("/api/v2/everything", "acme-push");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("/api/v1/job-reports");
  }
}
