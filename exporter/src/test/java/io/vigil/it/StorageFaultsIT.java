package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.store.StoreException;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.ScratchDisk;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a file system the test mounts and breaks: full, read-only at start, and made
 * read-only by the kernel after disk errors. Pushes are refused with 503 and never half kept, scrapes
 * keep working from memory, and every acknowledged push is there after a restart.
 *
 * <p>A plain {@code mount -o remount,ro} under the running exporter is not among the cases: Linux
 * refuses it (EBUSY) while any file on the mount is open for writing, as the store is.
 */
class StorageFaultsIT {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final String[] DEVICE = {"customer", "Dental", "device", "nvr01"};
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  final TestClock clock = new TestClock(NOW);
  final List<String> acknowledged = new ArrayList<>();
  final List<String> refused = new ArrayList<>();

  @Test
  void aFullDiskRefusesPushesWith503WhileScrapesGoOnAndWritesResumeWhenSpaceIsBack() throws Exception {
    try (ScratchDisk disk = ScratchDisk.tmpfs(dir.resolve("disk"), "2m")) {
      Path data = disk.root().resolve("data");
      try (RunningExporter vigil = RunningExporter.start(data, clock)) {
        pushRuns(vigil, 3);
        vigil.push("/api/v1/heartbeats", "acme-push", heartbeatAt(NOW.minusSeconds(600)));

        disk.fill();
        // A write may still fit in space SQLite already holds; the first one that needs more is refused.
        assertRefused(pushRunsUntilRefused(vigil));
        for (int i = 0; i < 3; i++) {
          assertRefused(pushRun(vigil));
        }
        assertRefused(vigil.post("/api/v1/heartbeats", "acme-push", heartbeatAt(NOW.minusSeconds(60))));

        assertThat(vigil.get("/tenants/acme/metrics", "acme-read").statusCode()).isEqualTo(200);
        Exposition metrics = vigil.metrics();
        assertThat(metrics.value("vigil_job_runs_total", "backup_job", "nightly", "result", "success"))
            .as("runs in the state: the acknowledged ones only").isEqualTo(acknowledged.size());
        assertThat(metrics.value("vigil_device_last_heartbeat_timestamp_seconds", DEVICE))
            .isEqualTo(NOW.minusSeconds(600).getEpochSecond());
        assertThat(metrics.value("vigil_store_healthy")).isZero();
        assertThat(metrics.value("vigil_store_write_failures_total")).isGreaterThanOrEqualTo(4);
        assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "job_report", "result", "unavailable"))
            .isEqualTo(refused.size());

        disk.free();
        pushRuns(vigil, 3);
        assertThat(vigil.metrics().value("vigil_store_healthy")).isEqualTo(1);
        assertRunHistoryIsTheAcknowledged(vigil);
      }

      disk.remount("ro");
      assertThatThrownBy(() -> RunningExporter.start(data, clock).close())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(data.toString())
          .hasMessageContaining("not writable (read-only file system");
      disk.remount("rw");
      try (RunningExporter vigil = RunningExporter.start(data, clock)) {
        assertRunHistoryIsTheAcknowledged(vigil);
        assertThat(vigil.metrics().value("vigil_job_runs_total", "backup_job", "nightly", "result", "success"))
            .isEqualTo(acknowledged.size());
      }
    }
  }

  @Test
  void aFileSystemTheKernelMadeReadOnlyRefusesPushesAndTheRestartHasEveryAcknowledgedOne() throws Exception {
    try (ScratchDisk disk = ScratchDisk.ext4(dir.resolve("disk.img"), dir.resolve("disk"), "32M")) {
      Path data = disk.root().resolve("data");
      try (RunningExporter vigil = RunningExporter.start(data, clock)) {
        pushRuns(vigil, 5);
        disk.failWithErrors();
        for (int i = 0; i < 3; i++) {
          assertRefused(pushRun(vigil));
        }
        Exposition metrics = vigil.scrape("/tenants/acme/metrics", "acme-read");
        assertThat(metrics.value("vigil_job_runs_total", "backup_job", "nightly", "result", "success")).isEqualTo(5);
        assertThat(vigil.metrics().value("vigil_store_healthy")).isZero();
      }
      disk.repairAndMountAgain();
      try (RunningExporter vigil = RunningExporter.start(data, clock)) {
        assertRunHistoryIsTheAcknowledged(vigil);
        pushRuns(vigil, 1);
      }
    }
  }

  /** Job reports with new run ids; each must be acknowledged. */
  private void pushRuns(RunningExporter vigil, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = pushRun(vigil);
      assertThat(response.statusCode()).as("push answered %s", response.body()).isEqualTo(200);
    }
  }

  private HttpResponse<String> pushRunsUntilRefused(RunningExporter vigil) throws Exception {
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> response = pushRun(vigil);
      if (response.statusCode() != 200) {
        return response;
      }
    }
    throw new AssertionError("200 pushes were acknowledged on a full disk");
  }

  /** Pushes a job report with the next run id and notes whether it was acknowledged or refused. */
  private HttpResponse<String> pushRun(RunningExporter vigil) throws Exception {
    int n = acknowledged.size() + refused.size();
    String runId = "r" + n;
    HttpResponse<String> response = vigil.post("/api/v1/job-reports", "acme-push",
        jobReport("Dental", "fs01", "nightly", runId, "success", NOW.minusSeconds(3600 - n)));
    (response.statusCode() == 200 ? acknowledged : refused).add(runId);
    return response;
  }

  private static String heartbeatAt(Instant at) {
    return """
        {"customer": "Dental", "device": "nvr01", "at": "%s", "interval_seconds": 60}""".formatted(at);
  }

  private static void assertRefused(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as("answer %s", response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("unavailable");
    assertThat(body.get("message").asText()).contains("nothing was acknowledged");
  }

  private void assertRunHistoryIsTheAcknowledged(RunningExporter vigil) throws Exception {
    JsonNode history = JSON.readTree(vigil.get("/tenants/acme/runs?customer=Dental&device=fs01&job=nightly", "acme-read").body());
    assertThat(history.get("runs")).extracting(run -> run.get("run_id").asText())
        .as("refused: %s", refused).containsExactlyElementsOf(acknowledged);
  }
}
