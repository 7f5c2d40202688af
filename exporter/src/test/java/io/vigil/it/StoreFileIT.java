package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.store.SqliteStore;
import io.vigil.store.Transaction;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.KeysYaml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store file deleted or replaced under a running exporter (the jar, as an operator runs it): every later
 * push is refused with 503, {@code vigil_store_healthy} is 0, /-/ready fails, one log line says what happened and
 * what to do, and the next start finds no push that was acknowledged after the change missing.
 */
class StoreFileIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant END = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

  @TempDir
  Path dir;

  @Test
  void aStoreFileDeletedUnderTheExporterRefusesEveryPushAndSaysSo() throws Exception {
    Path data = dir.resolve("data");
    try (ExporterProcess vigil = start(data)) {
      pushRun(vigil, "r0");
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(data.resolve("vigil.db" + suffix));
      }
      assertRefusedAfterTheChange(vigil, "was deleted");
      assertThat(vigil.stop()).isIn(0, 143);
      String deleted = "the store file " + data.resolve("vigil.db").toAbsolutePath() + " was deleted while the exporter ran:"
          + " every write is refused (503) from now on. Stop the exporter, put the store file back";
      assertThat(vigil.log().lines().filter(line -> line.contains("was deleted"))).as("one line for both refused pushes")
          .singleElement(STRING).contains("ERROR").contains(deleted);
      assertThat(vigil.log()).doesNotContain("\tat ");
    }
    try (ExporterProcess vigil = start(data)) {
      assertThat(runIds(vigil.uri())).as("nothing acknowledged after the deletion").isEmpty();
    }
  }

  @Test
  void aStoreFileReplacedUnderTheExporterRefusesEveryPushAndTheNextStartOpensTheReplacementAsItWas() throws Exception {
    Path data = dir.resolve("data");
    Path other = dir.resolve("restored-backup");
    try (SqliteStore store = SqliteStore.open(other); Transaction tx = store.begin()) {
      tx.insertRun(new JobRun(new JobKey("acme", "Dental", "fs01", "nightly"), "from-the-backup", JobResult.SUCCESS,
          END.minusSeconds(600), END.minusSeconds(60), 1, 1, 0, 0, null, null, null), END);
      tx.commit();
    }
    try (ExporterProcess vigil = start(data)) {
      pushRun(vigil, "r0");
      Files.move(other.resolve("vigil.db"), data.resolve("vigil.db"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      assertRefusedAfterTheChange(vigil, "was replaced by another file");
      assertThat(vigil.stop()).isIn(0, 143);
    }
    try (ExporterProcess vigil = start(data)) {
      assertThat(runIds(vigil.uri())).as("the replacement as it was: nothing acknowledged after it went in")
          .containsExactly("from-the-backup");
    }
  }

  private ExporterProcess start(Path data) throws Exception {
    Path config = dir.resolve("vigil.yml");
    Files.writeString(config, KeysYaml.of("admin-key", "acme", "acme-push", "acme-read"));
    return ExporterProcess.start(dir, Map.of(), "--config", config.toString(), "--data-dir", data.toString());
  }

  private static void assertRefusedAfterTheChange(ExporterProcess vigil, String what) throws Exception {
    for (String runId : new String[] {"r1", "r2"}) {
      HttpResponse<String> response = post(vigil.uri(), runId);
      assertThat(response.statusCode()).as("push after the store file %s: %s", what, response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(JSON.readTree(response.body()).get("message").asText()).contains("nothing was acknowledged");
    }
    Exposition metrics = Exposition.parse(get(vigil.uri(), "/metrics", "admin-key").body());
    assertThat(metrics.value("vigil_store_healthy")).isZero();
    assertThat(get(vigil.uri(), "/-/ready", null).statusCode()).as("/-/ready").isEqualTo(503);
  }

  private static void pushRun(ExporterProcess vigil, String runId) throws Exception {
    HttpResponse<String> response = post(vigil.uri(), runId);
    assertThat(response.statusCode()).as("answer %s", response.body()).isEqualTo(200);
  }

  private static HttpResponse<String> post(URI base, String runId) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/job-reports")).header("Authorization", "Bearer acme-push")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jobReport("Dental", "fs01", "nightly", runId, "success", END))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI base, String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> runIds(URI base) throws Exception {
    JsonNode history = JSON.readTree(get(base, "/tenants/acme/runs?customer=Dental&device=fs01&job=nightly", "acme-read").body());
    List<String> ids = new ArrayList<>();
    history.get("runs").forEach(run -> ids.add(run.get("run_id").asText()));
    return ids;
  }
}
