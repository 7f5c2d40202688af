package io.vigil.it;

import static io.vigil.testsupport.Pushes.event;
import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {
  @TempDir
  Path dir;

  @Test
  void stateAndRunHistorySurviveARestart() throws Exception {
    Instant now = Instant.now();
    TestClock clock = new TestClock(now);
    String before;
    try (RunningExporter vigil = RunningExporter.start(dir, clock)) {
      for (int day = 3; day >= 1; day--) {
        vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r" + day,
            day == 1 ? "failed" : "success", now.minus(Duration.ofDays(day))));
      }
      vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr01", 30));
      vigil.push("/api/v1/events", "acme-push", event("Dental", "nvr01", "license_exceeded", "raised"));
      before = vigil.get("/tenants/acme/metrics", "acme-read").body();
    }
    try (RunningExporter vigil = RunningExporter.start(dir, clock)) {
      assertThat(vigil.get("/tenants/acme/metrics", "acme-read").body()).isEqualTo(before);
      Exposition metrics = vigil.metrics();
      assertThat(metrics.value("vigil_job_runs_total", "backup_job", "nightly", "result", "success")).isEqualTo(2);
      assertThat(metrics.value("vigil_device_error_active", "device", "nvr01", "error", "license_exceeded")).isEqualTo(1);
      JsonNode history = new ObjectMapper().readTree(vigil.get(
          "/tenants/acme/runs?customer=Dental&device=fs01&job=nightly", "acme-read").body());
      assertThat(history.get("runs")).extracting(run -> run.get("run_id").asText()).containsExactly("r3", "r2", "r1");
      assertThat(history.get("runs").get(2).get("status").asText()).isEqualTo("failed");
      // The same run pushed again after the restart is still recognised.
      String again = vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "failed",
          now.minus(Duration.ofDays(1))));
      assertThat(again).contains("\"duplicates\":1");
    }
  }
}
