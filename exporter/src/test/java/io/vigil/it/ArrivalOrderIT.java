package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent re-sending its backlog out of order: the exported facts follow the runs' end times, not their arrival. */
class ArrivalOrderIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final String[] JOB = {"tenant", "acme", "customer", "Dental", "device", "fs01", "backup_job", "nightly"};

  @TempDir
  Path dir;

  @Test
  void failuresSinceTheNewestSuccessAreCountedByEndTimeAndSurviveARestart() throws Exception {
    TestClock clock = new TestClock(NOW);
    try (RunningExporter vigil = RunningExporter.start(dir, clock)) {
      push(vigil, "f-1h", "failed", 1);
      push(vigil, "f-3h", "failed", 3);
      push(vigil, "s-2h", "success", 2);
      assertNewestFacts(vigil.metrics());
    }
    try (RunningExporter vigil = RunningExporter.start(dir, clock)) {
      assertNewestFacts(vigil.metrics());
    }
  }

  private static void push(RunningExporter vigil, String runId, String status, int hoursAgo) throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push",
        jobReport("Dental", "fs01", "nightly", runId, status, NOW.minus(Duration.ofHours(hoursAgo))));
  }

  private static void assertNewestFacts(Exposition metrics) {
    assertThat(metrics.value("vigil_job_consecutive_failures", JOB)).isEqualTo(1);
    assertThat(metrics.value("vigil_job_last_run_timestamp_seconds", JOB)).isEqualTo(NOW.minus(Duration.ofHours(1)).getEpochSecond());
    assertThat(metrics.value("vigil_job_last_success_timestamp_seconds", JOB))
        .isEqualTo(NOW.minus(Duration.ofHours(2)).getEpochSecond());
    assertThat(metrics.jobStatus(JOB)).isEqualTo("failed");
  }
}
