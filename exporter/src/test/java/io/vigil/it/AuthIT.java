package io.vigil.it;

import static io.vigil.testsupport.Pushes.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testsupport.KeysYaml;
import io.vigil.testsupport.RawConnection;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthIT {
  @TempDir
  Path dir;
  Path configFile;
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    configFile = dir.resolve("vigil.yml");
    writeConfig("acme-push");
    vigil = RunningExporter.start(new io.vigil.config.ConfigLoader().load(configFile), configFile, new TestClock(Instant.now()));
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Acme Dental", "nvr01", 30));
    vigil.push("/api/v1/heartbeats", "globex-push", heartbeat("Globex Clinic", "nvr09", 30));
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  void writeConfig(String acmePushKey) throws Exception {
    Files.writeString(configFile, "listen: 127.0.0.1:0\ndata_dir: " + dir.resolve("data") + "\n"
        + KeysYaml.of("admin", "acme", acmePushKey, "acme-read", "globex", "globex-push", "globex-read"));
  }

  @Test
  void pushesWithoutOrWithAWrongKeyGet401() throws Exception {
    assertThat(vigil.post("/api/v1/heartbeats", null, heartbeat("a", "b", 30)).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = vigil.post("/api/v1/heartbeats", "acme-pusj", heartbeat("a", "b", 30));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void twoAuthorizationHeadersGet400AndNothingIsStored() throws Exception {
    String body = heartbeat("Two Keys", "nvr42", 30);
    try (RawConnection push = RawConnection.open(vigil.uri())) {
      push.send("POST /api/v1/heartbeats HTTP/1.1\r\nHost: vigil\r\nAuthorization: Bearer acme-push\r\n"
          + "Authorization: Bearer globex-push\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
          + body);
      RawConnection.Answer answer = push.readAnswer(Duration.ofSeconds(5));
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/json");
      assertThat(answer.body()).contains("\"error\":\"bad_request\"").contains("2 Authorization headers; send exactly one");
    }
    try (RawConnection read = RawConnection.open(vigil.uri())) {
      read.send("GET /tenants/acme/metrics HTTP/1.1\r\nHost: vigil\r\nAuthorization: Bearer acme-read\r\n"
          + "Authorization: Bearer globex-read\r\n\r\n");
      assertThat(read.readAnswer(Duration.ofSeconds(5)).status()).isEqualTo(400);
    }
    assertThat(vigil.metrics().text()).doesNotContain("nvr42");
    assertThat(vigil.metrics().value("vigil_push_requests_total", "tenant", "", "kind", "heartbeat", "result", "rejected"))
        .isEqualTo(1);
  }

  @Test
  void pushCountersCarryTheTenantOfTheKey() throws Exception {
    vigil.post("/api/v1/heartbeats", "acme-push", "{\"customer\": \"\"}");
    vigil.post("/api/v1/heartbeats", "acme-read", heartbeat("a", "b", 30));
    vigil.post("/api/v1/heartbeats", "no-such-key", heartbeat("a", "b", 30));
    var metrics = vigil.metrics();
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "accepted")).isEqualTo(1);
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "globex", "kind", "heartbeat", "result", "accepted")).isEqualTo(1);
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "rejected")).isEqualTo(1);
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "unauthorized"))
        .as("a read key of acme trying to push").isEqualTo(1);
    assertThat(metrics.value("vigil_push_requests_total", "tenant", "", "kind", "heartbeat", "result", "unauthorized")).isEqualTo(1);
    assertThat(metrics.value("vigil_push_request_duration_seconds_count", "kind", "heartbeat"))
        .as("the heartbeats that reached their handler: accepted and rejected, not the unauthorized ones").isEqualTo(3);
    assertThat(metrics.value("vigil_push_request_duration_seconds_bucket", "kind", "heartbeat", "le", "+Inf")).isEqualTo(3);
    assertThat(metrics.value("vigil_push_request_duration_seconds_sum", "kind", "heartbeat")).isPositive();
    assertThat(metrics.value("vigil_store_commit_duration_seconds_count")).as("commits, the two accepted heartbeats' among them")
        .isGreaterThanOrEqualTo(2);
    assertThat(metrics.value("vigil_store_commit_duration_seconds_bucket", "le", "10.0")).isEqualTo(
        metrics.value("vigil_store_commit_duration_seconds_count"));
  }

  @Test
  void readAndAdminKeysCannotPush() throws Exception {
    assertThat(vigil.post("/api/v1/heartbeats", "acme-read", heartbeat("a", "b", 30)).statusCode()).isEqualTo(403);
    assertThat(vigil.post("/api/v1/heartbeats", RunningExporter.ADMIN, heartbeat("a", "b", 30)).statusCode()).isEqualTo(403);
  }

  @Test
  void aTenantKeyReadsOnlyItsOwnTenant() throws Exception {
    String own = vigil.get("/tenants/acme/metrics", "acme-read").body();
    assertThat(own).contains("Acme Dental").doesNotContain("Globex");
    assertThat(vigil.get("/tenants/globex/metrics", "acme-read").statusCode()).isEqualTo(403);
    assertThat(vigil.get("/tenants/globex/metrics", "acme-push").statusCode()).isEqualTo(403);
    assertThat(vigil.get("/tenants/globex/runs?customer=Globex%20Clinic&device=nvr09&job=x", "acme-read").statusCode()).isEqualTo(403);
    assertThat(vigil.get("/metrics", "acme-read").statusCode()).isEqualTo(403);
    assertThat(vigil.get("/tenants/acme/metrics", null).statusCode()).isEqualTo(401);
    assertThat(vigil.get("/metrics", "not-a-key").statusCode()).isEqualTo(401);
  }

  @Test
  void aTenantsPushLandsInItsOwnTenantWhateverTheBodySays() throws Exception {
    String body = "{\"customer\": \"Globex Clinic\", \"device\": \"nvr09\", \"tenant\": \"globex\"}";
    assertThat(vigil.post("/api/v1/heartbeats", "acme-push", body).statusCode()).isEqualTo(400);
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat("Globex Clinic", "nvr09", 30));
    assertThat(vigil.scrape("/tenants/globex/metrics", "globex-read").samples("vigil_device_up")).hasSize(1);
    assertThat(vigil.scrape("/tenants/acme/metrics", "acme-read").samples("vigil_device_up")).hasSize(2);
  }

  @Test
  void theAdminKeyReadsEveryTenant() throws Exception {
    assertThat(vigil.metrics().samples("vigil_device_up")).hasSize(2);
    assertThat(vigil.get("/tenants/globex/metrics", RunningExporter.ADMIN).statusCode()).isEqualTo(200);
    assertThat(vigil.get("/tenants/nobody/metrics", RunningExporter.ADMIN).statusCode()).isEqualTo(404);
  }

  @Test
  void keysAreAddedAndRevokedByAReloadWithoutRestart() throws Exception {
    writeConfig("acme-push-2026");
    assertThat(vigil.post("/api/v1/admin/reload", "acme-push", "{}").statusCode()).isEqualTo(403);
    assertThat(vigil.post("/api/v1/admin/reload", RunningExporter.ADMIN, "{}").statusCode()).isEqualTo(200);
    assertThat(vigil.post("/api/v1/heartbeats", "acme-push", heartbeat("a", "b", 30)).statusCode()).isEqualTo(401);
    assertThat(vigil.post("/api/v1/heartbeats", "acme-push-2026", heartbeat("a", "b", 30)).statusCode()).isEqualTo(200);
  }

  @Test
  void aBrokenConfigOnReloadKeepsTheRunningOne() throws Exception {
    Files.writeString(configFile, "tenants: [{account: 'NOT VALID'}]\n");
    HttpResponse<String> reload = vigil.post("/api/v1/admin/reload", RunningExporter.ADMIN, "{}");
    assertThat(reload.statusCode()).isEqualTo(400);
    assertThat(reload.body()).contains("tenants[0].account");
    assertThat(vigil.post("/api/v1/heartbeats", "acme-push", heartbeat("a", "b", 30)).statusCode()).isEqualTo(200);
  }

  /**
   * An agent's client keeps its connection when the answer says keep-alive. A 401 answered before the
   * body arrived must therefore say "Connection: close" (its body is never read, so the server closes),
   * and one answered after the whole body came leaves the connection usable.
   */
  @Test
  void aRefusalThatLeavesTheBodyUnreadSaysConnectionClose() throws Exception {
    String body = heartbeat("Acme Dental", "nvr01", 30);
    String headers = "POST /api/v1/heartbeats HTTP/1.1\r\nHost: vigil\r\nAuthorization: Bearer wrong\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
    try (RawConnection early = RawConnection.open(vigil.uri())) {
      early.send(headers);
      RawConnection.Answer refused = early.readAnswer(Duration.ofSeconds(5));
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.headers()).as("headers of a 401 sent before the body").containsEntry("Connection", "close");
      assertThat(early.isClosedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
    try (RawConnection whole = RawConnection.open(vigil.uri())) {
      whole.send(headers + body);
      assertThat(whole.readAnswer(Duration.ofSeconds(5)).status()).isEqualTo(401);
      whole.send("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
      assertThat(whole.readAnswer(Duration.ofSeconds(5)).status()).as("the next request on the same connection").isEqualTo(200);
    }
  }
}
