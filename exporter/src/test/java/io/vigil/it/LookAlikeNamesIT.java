package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that look alike are one name or refused, over the real push API. */
class LookAlikeNamesIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

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
  void composedAndDecomposedSpellingsAreOneCustomer() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Caf\u00e9", "fs01", "nightly", "r1", "success", NOW.minusSeconds(120)));
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Cafe\u0301", "fs01", "nightly", "r2", "success", NOW.minusSeconds(60)));
    Exposition metrics = vigil.metrics();
    assertThat(metrics.samples("vigil_job_last_run_timestamp_seconds")).singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("customer", "Caf\u00e9"));
    assertThat(metrics.value("vigil_job_runs_total", "customer", "Caf\u00e9", "result", "success")).isEqualTo(2);
  }

  @Test
  void aNameWithAZeroWidthCharacterIsRefusedWithTheFieldAndReasonAndNothingIsKept() throws Exception {
    HttpResponse<String> response = vigil.post("/api/v1/job-reports", "acme-push",
        jobReport("Acme\u200b", "fs01", "nightly", "r1", "success", NOW));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = new ObjectMapper().readTree(response.body()).get("problems").get(0);
    assertThat(problem.get("field").asText()).isEqualTo("customer");
    assertThat(problem.get("reason").asText()).isEqualTo("must not contain the zero-width character U+200B");
    assertThat(vigil.metrics().samples("vigil_job_last_run_timestamp_seconds")).isEmpty();
  }

  @Test
  void aDecomposedSpellingFindsTheRunHistoryAndRetiresTheJob() throws Exception {
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Caf\u00e9", "fs01", "nightly", "r1", "success", NOW.minusSeconds(60)));
    JsonNode history = new ObjectMapper().readTree(vigil.get("/tenants/acme/runs?customer=Cafe%CC%81&device=fs01&job=nightly",
        "acme-read").body());
    assertThat(history.get("runs")).hasSize(1);
    vigil.push("/api/v1/retire", "acme-push", "{\"customer\": \"Cafe\u0301\", \"device\": \"fs01\", \"job\": \"nightly\"}");
    assertThat(vigil.metrics().samples("vigil_job_last_run_timestamp_seconds")).isEmpty();
  }
}
