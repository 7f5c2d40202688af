package io.vigil.it;

import static io.vigil.testsupport.Pushes.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.http.Authenticator;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.ExporterProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a process: refused requests and retirements leave a log line with the tenant, the key's name
 * and the reason (at most one a minute per key, endpoint and status), never a key; push counters carry the tenant.
 */
class OperatorLogIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<String> KEYS = List.of("acme-push-secret", "acme-read-secret", "admin-secret", "guessed-key");

  @TempDir
  Path dir;

  @Test
  void refusalsAndRetirementsAreLoggedOncePerMinuteWithTenantKeyNameAndReasonButNoKey() throws Exception {
    Path config = Files.writeString(dir.resolve("vigil.yml"), """
        admin_keys: [{sha256: %s}]
        tenants:
          - account: acme
            keys:
              - {role: push, name: acme-agents, sha256: %s}
              - {role: read, name: acme-grafana, sha256: %s}
        """.formatted(sha("admin-secret"), sha("acme-push-secret"), sha("acme-read-secret")));
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), "--config", config.toString(), "--data-dir",
        dir.resolve("data").toString())) {
      URI base = vigil.uri();
      for (int i = 0; i < 5; i++) {
        assertThat(post(base, "/api/v1/heartbeats", "acme-push-secret", "{\"customer\": ")).isEqualTo(400);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(post(base, "/api/v1/heartbeats", "guessed-key", heartbeat("Dental", "nvr01", 60))).isEqualTo(401);
      }
      assertThat(post(base, "/api/v1/heartbeats", "acme-read-secret", heartbeat("Dental", "nvr01", 60))).isEqualTo(403);
      assertThat(post(base, "/api/v1/heartbeats", "acme-push-secret", heartbeat("Dental", "nvr01", 60))).isEqualTo(200);
      assertThat(post(base, "/api/v1/retire", "acme-push-secret", "{\"customer\": \"Dental\", \"device\": \"nvr01\"}")).isEqualTo(200);
      Exposition metrics = Exposition.parse(HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics"))
          .header("Authorization", "Bearer admin-secret").build(), HttpResponse.BodyHandlers.ofString()).body());

      List<String> log = vigil.log().lines().toList();
      assertThat(log).filteredOn(l -> l.contains("POST /api/v1/heartbeats refused with 400 (tenant acme, push key 'acme-agents'): "
          + "malformed JSON")).as("five malformed pushes, one line").hasSize(1);
      assertThat(log).filteredOn(l -> l.contains("POST /api/v1/heartbeats refused with 401 (no valid key from 127.0.0.1)"))
          .hasSize(1);
      assertThat(log).filteredOn(l -> l.contains("POST /api/v1/heartbeats refused with 403 (tenant acme, read key 'acme-grafana'): "
          + "this key may not push")).hasSize(1);
      assertThat(log).filteredOn(l -> l.contains("retired 0 job(s) and 1 device(s) (tenant acme, push key 'acme-agents'): "
          + "customer 'Dental', device 'nvr01'")).hasSize(1);
      assertThat(String.join("\n", log)).as("the log").doesNotContain(KEYS);
      assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "rejected")).isEqualTo(5);
      assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "unauthorized"))
          .isEqualTo(1);
      assertThat(metrics.value("vigil_push_requests_total", "tenant", "", "kind", "heartbeat", "result", "unauthorized")).isEqualTo(3);
      assertThat(metrics.value("vigil_push_requests_total", "tenant", "acme", "kind", "retire", "result", "accepted")).isEqualTo(1);
    }
  }

  static String sha(String key) {
    return Authenticator.sha256Hex(key);
  }

  static int post(URI base, String path, String key, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
