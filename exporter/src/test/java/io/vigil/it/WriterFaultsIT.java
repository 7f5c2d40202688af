package io.vigil.it;

import static io.vigil.testsupport.Pushes.event;
import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Exporter;
import io.vigil.testsupport.FaultyStore;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import io.vigil.testsupport.UndescribableError;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single writer under faults a test injects into the real store: an Error thrown inside a commit, a writer
 * that stops, and a store too slow for the waiters. A 503 always means nothing was kept, and readiness and
 * {@code vigil_store_healthy} say whether writes can succeed.
 */
class WriterFaultsIT {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  FaultyStore store;

  RunningExporter start(Duration ackTimeout) throws Exception {
    return RunningExporter.start(dir, new TestClock(NOW), new Exporter.Writing(opened -> store = new FaultyStore(opened), ackTimeout));
  }

  static String run(String runId) {
    return jobReport("Dental", "fs01", "nightly", runId, "success", NOW.minusSeconds(3600));
  }

  @Test
  void anOutOfMemoryErrorInACommitFailsOnlyItsGroupAndTheWriterGoesOn() throws Exception {
    try (RunningExporter vigil = start(Exporter.Writing.DEFAULT.ackTimeout())) {
      vigil.push("/api/v1/job-reports", "acme-push", run("r0"));
      store.failNextCommitWith(new OutOfMemoryError("injected by the test"));

      long started = System.nanoTime();
      HttpResponse<String> refused = vigil.post("/api/v1/job-reports", "acme-push", run("r1"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered at once, not after the 30 s ack timeout")
          .isLessThan(Duration.ofSeconds(5));
      assertRefused(refused, "could not save this");
      assertThat(vigil.metrics().value("vigil_store_healthy")).isZero();
      assertThat(vigil.metrics().value("vigil_store_write_failures_total")).isEqualTo(1);

      assertThat(vigil.post("/api/v1/job-reports", "acme-push", run("r1")).statusCode()).as("the next push").isEqualTo(200);
      assertThat(vigil.metrics().value("vigil_store_healthy")).isEqualTo(1);
      assertThat(vigil.get("/-/ready", null).statusCode()).isEqualTo(200);
      assertThat(runIds(vigil)).containsExactlyInAnyOrder("r0", "r1");
    }
  }

  @Test
  void aWriterThatStoppedFailsReadinessAndTheStoreHealthAndEveryPushIsAnsweredAtOnce() throws Exception {
    try (RunningExporter vigil = start(Exporter.Writing.DEFAULT.ackTimeout())) {
      vigil.push("/api/v1/job-reports", "acme-push", run("r0"));
      assertThat(vigil.get("/-/ready", null).statusCode()).isEqualTo(200);
      // Failing its group fails too (describing the error throws), so the writer thread ends.
      store.failNextCommitWith(new UndescribableError());

      long started = System.nanoTime();
      assertRefused(vigil.post("/api/v1/job-reports", "acme-push", run("r1")), "writer has stopped");
      assertRefused(vigil.post("/api/v1/job-reports", "acme-push", run("r2")), "writer has stopped");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("both answered at once, not after the 30 s ack timeout")
          .isLessThan(Duration.ofSeconds(5));
      assertThat(vigil.get("/-/ready", null).statusCode()).as("/-/ready").isEqualTo(503);
      assertThat(vigil.metrics().value("vigil_store_healthy")).isZero();
      assertThat(runIds(vigil)).containsExactly("r0");
    }
  }

  @Test
  void aPushAnswered503BecauseTheWriterDidNotTakeItInTimeIsNeverStoredAndItsResendIsStoredOnce() throws Exception {
    String raised = event("Dental", "nvr01", "disk_full", "raised");
    try (RunningExporter vigil = start(Duration.ofSeconds(1))) {
      store.hold();
      CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> post(vigil, run("r0")));
      store.awaitHolding();

      assertRefused(vigil.post("/api/v1/events", "acme-push", raised), "did not take the write within 1 s");
      store.release();
      assertThat(slow.get().statusCode()).as("a push the writer had taken is answered by its real outcome, however late")
          .isEqualTo(200);
      assertThat(vigil.post("/api/v1/events", "acme-push", raised).statusCode()).as("the re-send").isEqualTo(200);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vigil.db"));
        Statement st = db.createStatement();
        ResultSet count = st.executeQuery("SELECT count(*) FROM device_event WHERE device = 'nvr01'")) {
      count.next();
      assertThat(count.getInt(1)).as("events stored: the refused push must not be, its re-send once").isEqualTo(1);
    }
  }

  private static HttpResponse<String> post(RunningExporter vigil, String body) {
    try {
      return vigil.post("/api/v1/job-reports", "acme-push", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(HttpResponse<String> response, String reason) throws Exception {
    assertThat(response.statusCode()).as("answer %s", response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("message").asText()).contains(reason).contains("nothing was acknowledged");
  }

  private static List<String> runIds(RunningExporter vigil) throws Exception {
    JsonNode history = JSON.readTree(vigil.get("/tenants/acme/runs?customer=Dental&device=fs01&job=nightly", "acme-read").body());
    List<String> ids = new ArrayList<>();
    history.get("runs").forEach(run -> ids.add(run.get("run_id").asText()));
    return ids;
  }
}
