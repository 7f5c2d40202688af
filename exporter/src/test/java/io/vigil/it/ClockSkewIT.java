package io.vigil.it;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents whose clocks run a few minutes ahead: times up to 5 minutes in the future are accepted. */
class ClockSkewIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final Instant AHEAD = NOW.plus(Duration.ofMinutes(4));

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
  void agesOfTimesAFewMinutesAheadAreZeroNotNegative() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", AHEAD));
    vigil.push("/api/v1/heartbeats", "acme-push",
        "{\"customer\": \"Dental\", \"device\": \"nvr01\", \"interval_seconds\": 60, \"at\": \"" + AHEAD + "\"}");
    Exposition metrics = vigil.metrics();
    assertThat(metrics.value("vigil_job_since_last_success_seconds", "device", "fs01")).isZero();
    assertThat(metrics.value("vigil_device_since_last_heartbeat_seconds", "device", "nvr01")).isZero();
    assertThat(metrics.value("vigil_job_last_success_timestamp_seconds", "device", "fs01")).isEqualTo(AHEAD.getEpochSecond());
    assertThat(metrics.jobStatus("device", "fs01")).isEqualTo("ok");
  }

  @Test
  void aRunThatEndsAFewMinutesAheadIsListedInTheRunHistoryByDefault() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW.minusSeconds(60)));
    vigil.push("/api/v1/job-reports", "acme-push",
        jobReport("Dental", "fs01", "nightly", "r2", "failed", NOW.plus(Duration.ofMinutes(5))));
    JsonNode history = new ObjectMapper().readTree(
        vigil.get("/tenants/acme/runs?customer=Dental&device=fs01&job=nightly", "acme-read").body());
    assertThat(history.get("runs")).extracting(run -> run.get("run_id").asText()).containsExactly("r1", "r2");
  }
}
