package io.vigil.it;

import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every status change, seen the way Prometheus sees it: through /metrics, with the clock moved by hand. */
class StatusTransitionsIT {
  static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");
  static final String[] JOB = {"customer", "Dental", "device", "fs01", "backup_job", "nightly"};

  @TempDir
  Path dir;
  final TestClock clock = new TestClock(T0);
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    vigil = RunningExporter.start(dir, clock);
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  void report(String runId, String status) throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", runId, status, clock.instant()));
  }

  @Test
  void okTurnsOverdueJustAfterTheGraceAndBackToOkWithTheNextSuccess() throws Exception {
    report("r1", "success");
    clock.advance(Duration.ofDays(1));
    assertThat(vigil.metrics().jobStatus(JOB)).as("exactly at the grace").isEqualTo("ok");
    clock.advance(Duration.ofSeconds(1));
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("overdue");
    assertThat(vigil.metrics().value("vigil_job_since_last_success_seconds", JOB)).isEqualTo(86_401);
    report("r2", "success");
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("ok");
  }

  @Test
  void warningFailedAndBackToOkFollowTheNewestRun() throws Exception {
    report("r1", "success");
    clock.advance(Duration.ofHours(1));
    report("r2", "warning");
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("warning");
    clock.advance(Duration.ofHours(1));
    report("r3", "failed");
    clock.advance(Duration.ofHours(1));
    report("r4", "failed");
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("failed");
    assertThat(vigil.metrics().value("vigil_job_consecutive_failures", JOB)).isEqualTo(2);
    clock.advance(Duration.ofHours(1));
    report("r5", "success");
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("ok");
    assertThat(vigil.metrics().value("vigil_job_consecutive_failures", JOB)).isZero();
  }

  @Test
  void aJobReportedGraceOverridesTheTenantDefault() throws Exception {
    String body = jobReport("Dental", "fs01", "nightly", "r1", "success", T0).replace("\"message\"", "\"grace_seconds\": 3600, \"message\"");
    vigil.push("/api/v1/job-reports", "acme-push", body);
    assertThat(vigil.metrics().value("vigil_job_grace_seconds", JOB)).isEqualTo(3600);
    clock.advance(Duration.ofSeconds(3601));
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("overdue");
  }

  @Test
  void aDeviceTurnsUnavailableAtExactlyThreeMissedHeartbeats() throws Exception {
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr01", 60));
    String[] device = {"device", "nvr01"};
    clock.advance(Duration.ofSeconds(120));
    assertThat(vigil.metrics().value("vigil_device_up", device)).as("2 missed").isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));
    assertThat(vigil.metrics().value("vigil_device_up", device)).as("third one just due").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(vigil.metrics().value("vigil_device_up", device)).as("3 missed").isZero();
    assertThat(vigil.metrics().value("vigil_device_since_last_heartbeat_seconds", device)).isEqualTo(181);
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr01", 60));
    assertThat(vigil.metrics().value("vigil_device_up", device)).isEqualTo(1);
  }

  @Test
  void aSilentJobNeverDisappearsItTurnsOverdue() throws Exception {
    report("r1", "success");
    clock.advance(Duration.ofDays(20));
    assertThat(vigil.metrics().jobStatus(JOB)).isEqualTo("overdue");
  }
}
