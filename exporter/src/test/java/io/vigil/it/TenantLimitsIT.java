package io.vigil.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.vigil.testsupport.Pushes.event;
import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static io.vigil.testsupport.Pushes.withType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.EntityLimits;
import io.vigil.config.Limits;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Promtool;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entity limits per tenant over the real push API and a real connector poll: fleet-wide 3 jobs, 2 devices
 * and 2 chains per tenant; acme has its own limit of 2 jobs.
 */
class TenantLimitsIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  WireMockServer connector;
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    connector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    connector.start();
    VigilConfig base = RunningExporter.config(dir, new Limits(null, null, null, null, null, null, 3, 2, 2));
    TenantConfig acme = base.tenant("acme").orElseThrow();
    ConnectorConfig img01 = new ConnectorConfig("img01", connector.baseUrl(), "tok", null, 3600L, 2L, 65_536L);
    acme = new TenantConfig(acme.account(), acme.name(), null, null, acme.keys(), List.of(img01), null, null, null,
        new EntityLimits(2, null, null));
    vigil = RunningExporter.start(new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, base.limits(),
        List.of(acme, base.tenant("globex").orElseThrow())), null, new TestClock(NOW));
  }

  @AfterEach
  void stop() {
    vigil.close();
    connector.stop();
  }

  HttpResponse<String> job(String tenant, String job, String runId) throws Exception {
    return vigil.post("/api/v1/job-reports", tenant + "-push", jobReport("Dental", "fs01", job, runId, "success", NOW.minusSeconds(60)));
  }

  static void assertRefused(HttpResponse<String> response, String kind, int limit, int current, int adding) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("limit_exceeded");
    assertThat(body.get("message").asText()).contains("limits.max_" + kind + "s_per_tenant").contains("Nothing of it was kept");
    assertThat(body.get("limit").get("kind").asText()).isEqualTo(kind);
    assertThat(body.get("limit").get("limit").asInt()).isEqualTo(limit);
    assertThat(body.get("limit").get("current").asInt()).isEqualTo(current);
    assertThat(body.get("limit").get("adding").asInt()).isEqualTo(adding);
  }

  @Test
  void aJobBeyondTheTenantsLimitIsRefusedWhileItsExistingJobsAndOtherTenantsKeepWorking() throws Exception {
    assertThat(job("acme", "nightly", "r1").statusCode()).isEqualTo(200);
    assertThat(job("acme", "weekly", "r1").statusCode()).isEqualTo(200);
    assertRefused(job("acme", "hourly", "r1"), "job", 2, 2, 1);
    assertThat(job("acme", "nightly", "r2").statusCode()).as("a new run of an existing job").isEqualTo(200);
    for (String name : List.of("a", "b", "c")) {
      assertThat(job("globex", name, "r1").statusCode()).as("globex has the fleet-wide limit of 3").isEqualTo(200);
    }
    assertRefused(job("globex", "d", "r1"), "job", 3, 3, 1);

    Exposition metrics = vigil.metrics();
    assertThat(metrics.find("vigil_job_last_run_timestamp_seconds", "backup_job", "hourly")).isEmpty();
    assertThat(metrics.value("vigil_job_runs_total", "tenant", "acme", "backup_job", "nightly", "result", "success")).isEqualTo(2);
    assertThat(metrics.value("vigil_tenant_entities", "tenant", "acme", "kind", "job")).isEqualTo(2);
    assertThat(metrics.value("vigil_tenant_entity_limit", "tenant", "acme", "kind", "job")).isEqualTo(2);
    assertThat(metrics.value("vigil_tenant_entities", "tenant", "globex", "kind", "job")).isEqualTo(3);
    assertThat(metrics.value("vigil_tenant_entity_limit", "tenant", "globex", "kind", "device")).isEqualTo(2);
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "job_report", "result", "rejected")).isEqualTo(1);
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "globex", "kind", "job_report", "result", "rejected")).isEqualTo(1);
    Promtool.assertValidExposition(metrics.text());
    Exposition own = vigil.scrape("/tenants/acme/metrics", "acme-read");
    assertThat(own.value("vigil_tenant_entities", "tenant", "acme", "kind", "job")).isEqualTo(2);
    assertThat(own.samples("vigil_tenant_entity_limit")).hasSize(3).allSatisfy(s -> assertThat(s.labels()).containsEntry("tenant", "acme"));
  }

  @Test
  void aBatchThatWouldGoBeyondIsRefusedWholeAndNothingOfItIsKept() throws Exception {
    assertThat(job("acme", "nightly", "r1").statusCode()).isEqualTo(200);
    String batch = "{\"items\": [" + withType("job_report", jobReport("Dental", "fs01", "nightly", "r2", "failed", NOW)) + ","
        + withType("heartbeat", heartbeat("Dental", "nvr01", 60)) + ","
        + withType("job_report", jobReport("Dental", "fs01", "weekly", "r1", "success", NOW)) + ","
        + withType("job_report", jobReport("Dental", "fs01", "hourly", "r1", "success", NOW)) + "]}";
    assertRefused(vigil.post("/api/v1/batch", "acme-push", batch), "job", 2, 1, 2);

    Exposition metrics = vigil.metrics();
    assertThat(metrics.samples("vigil_job_last_run_timestamp_seconds")).hasSize(1);
    assertThat(metrics.value("vigil_job_runs_total", "backup_job", "nightly", "result", "failed")).isZero();
    assertThat(metrics.samples("vigil_device_up")).isEmpty();
  }

  @Test
  void aDeviceBeyondTheLimitIsRefusedForHeartbeatsAndEventsAlike() throws Exception {
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr01", 60));
    vigil.push("/api/v1/events", "acme-push", event("Dental", "nvr02", "disk_full", "raised"));
    assertRefused(vigil.post("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr03", 60)), "device", 2, 2, 1);
    assertRefused(vigil.post("/api/v1/events", "acme-push", event("Dental", "nvr03", "disk_full", "raised")), "device", 2, 2, 1);
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Dental", "nvr02", 60));
    vigil.push("/api/v1/events", "acme-push", event("Dental", "nvr01", "camera_unreachable", "raised"));
    assertThat(vigil.metrics().value("vigil_tenant_entities", "tenant", "acme", "kind", "device")).isEqualTo(2);
  }

  @Test
  void retiringAJobMakesRoomForANewOne() throws Exception {
    job("acme", "nightly", "r1");
    job("acme", "weekly", "r1");
    vigil.push("/api/v1/retire", "acme-push", "{\"customer\": \"Dental\", \"device\": \"fs01\", \"job\": \"weekly\"}");
    assertThat(job("acme", "hourly", "r1").statusCode()).isEqualTo(200);
  }

  @Test
  void chainsBeyondTheLimitAreCountedButOnlyTheFirstFoldersByPathAreExported() throws Exception {
    connector.stubFor(get("/api/v1/inventory").willReturn(okJson(inventory("SRV03", "SRV01", "SRV02"))));
    vigil.exporter().pollConnectorsNow();
    Exposition metrics = vigil.metrics();
    assertThat(metrics.samples("vigil_chain_depth")).extracting(s -> s.labels().get("folder"))
        .containsExactly("acme/SRV01", "acme/SRV02");
    assertThat(metrics.samples("vigil_folder_unmanaged")).hasSize(3);
    assertThat(metrics.value("vigil_tenant_entities", "tenant", "acme", "kind", "chain")).isEqualTo(3);
    assertThat(metrics.value("vigil_tenant_entity_limit", "tenant", "acme", "kind", "chain")).isEqualTo(2);
    assertThat(metrics.value("vigil_tenant_entities", "tenant", "globex", "kind", "chain")).isZero();
  }

  /** Managed folders acme/NAME, each with one current chain of volume C_VOL. */
  static String inventory(String... folders) {
    String listed = IntStream.range(0, folders.length).mapToObj(i -> """
        {"customer":"acme","folder":"%s","managed":true,"volumes":[
          {"volume":"C_VOL","base":"b001","current":true,"depth":3,"images":{"base":1,"incremental":2,"daily":0,"weekly":0,"monthly":0},
           "newest_image_time":"2026-11-25T05:00:00Z","usage_bytes":100,"retention_bytes":0,"broken":false,"retention_unexpected":false}]}"""
        .formatted(folders[i])).collect(Collectors.joining(","));
    return """
        {"version":1,"connector":{"name":"img01","version":"1.0"},"scanned_at":"2026-11-25T05:30:00Z",
         "repository":{"size_bytes":1000000,"free_bytes":400000},"folders":[%s]}""".formatted(listed);
  }
}
