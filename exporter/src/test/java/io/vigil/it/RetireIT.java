package io.vigil.it;

import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.Defaults;
import io.vigil.config.Limits;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetireIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  @TempDir
  Path dir;

  @Test
  void aRetiredJobLeavesTheMetricsAndIsCounted() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW));
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "weekly", "w1", "success", NOW));
      assertThat(vigil.post("/api/v1/retire", "globex-push", "{\"customer\": \"Dental\", \"device\": \"fs01\", \"job\": \"nightly\"}")
          .statusCode()).as("another tenant cannot retire it").isEqualTo(404);
      vigil.push("/api/v1/retire", "acme-push", "{\"customer\": \"Dental\", \"device\": \"fs01\", \"job\": \"nightly\"}");
      assertThat(vigil.metrics().find("vigil_job_grace_seconds", "backup_job", "nightly")).isEmpty();
      assertThat(vigil.metrics().find("vigil_job_grace_seconds", "backup_job", "weekly")).isPresent();
      assertThat(vigil.metrics().value("vigil_retired_total", "kind", "job", "reason", "api")).isEqualTo(1);
    }
  }

  // Found by PushFuzzIT: Jackson read "{\0\0\0" as UTF-32, threw CharConversionException (not a JSON error), and Jetty answered 500.
  @Test
  void aBodyThatIsNotUtf8JsonIsRefusedWithA400() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      HttpResponse<String> answer = vigil.post("/api/v1/retire", "acme-push",
          "{\0\0\0atome\n{\"customer\": \"Dental\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.body()).contains("\"error\":\"bad_request\"").contains("Invalid UTF-32 character");
    }
  }

  @Test
  void retiringADeviceTakesAllItsJobs() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW));
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "weekly", "w1", "success", NOW));
      vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "fs01", 60));
      String answer = vigil.push("/api/v1/retire", "acme-push", "{\"customer\": \"Dental\", \"device\": \"fs01\"}");
      assertThat(answer).contains("\"retired_jobs\":2").contains("\"retired_devices\":1");
      assertThat(vigil.metrics().samples("vigil_job_status")).isEmpty();
      assertThat(vigil.metrics().samples("vigil_device_up")).isEmpty();
      assertThat(vigil.post("/api/v1/retire", "acme-push", "{\"customer\": \"Dental\", \"device\": \"fs01\"}").statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void entitiesSilentForLongerThanTheRetirementAgeAreRetiredAtStart() throws Exception {
    TestClock clock = new TestClock(NOW);
    VigilConfig config = RunningExporter.config(dir, Limits.standard());
    config = new VigilConfig(config.listen(), config.dataDir(), config.adminKeys(), new Defaults(null, null, 30, null),
        config.limits(), config.tenants());
    try (RunningExporter vigil = RunningExporter.start(config, null, clock)) {
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW));
    }
    clock.advance(java.time.Duration.ofDays(29));
    try (RunningExporter vigil = RunningExporter.start(config, null, clock)) {
      assertThat(vigil.metrics().jobStatus("backup_job", "nightly")).as("29 days: still there, overdue").isEqualTo("overdue");
    }
    clock.advance(java.time.Duration.ofDays(2));
    try (RunningExporter vigil = RunningExporter.start(config, null, clock)) {
      awaitRetirement(vigil);
      assertThat(vigil.metrics().samples("vigil_job_status")).isEmpty();
      assertThat(vigil.metrics().value("vigil_retired_total", "kind", "job", "reason", "inactive")).isEqualTo(1);
    }
  }

  private static void awaitRetirement(RunningExporter vigil) throws Exception {
    for (int i = 0; i < 100 && !vigil.metrics().samples("vigil_job_status").isEmpty(); i++) {
      Thread.sleep(50);
    }
  }
}
