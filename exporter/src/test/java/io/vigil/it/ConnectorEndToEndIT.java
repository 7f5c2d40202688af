package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.connector.demo.DemoRepository;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Promtool;
import io.vigil.testsupport.RunningExporter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real path end to end: the connector's fat jar as its own process over a repository written by
 * DemoRepository, polled by a real exporter; the chain metrics equal the connector's own JSON.
 */
class ConnectorEndToEndIT {
  static final String TOKEN = "e2e-connector-token";
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path dir;
  static Process connector;
  static URI connectorUri;
  static RunningExporter exporter;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of(System.getProperty("basedir", "."), "..", "connector", "target", "vigil-connector.jar").normalize();
    assertThat(jar).as("the connector jar (built by 'mvn package' before the exporter's integration tests)").exists();
    Path root = Files.createDirectories(dir.resolve("repository"));
    new DemoRepository(Clock.systemUTC(), 1).write(root);
    Path managed = Files.writeString(dir.resolve("managed.txt"), DemoRepository.MANAGED.folders().stream()
        .map(f -> f.customer() + "/" + f.folder()).sorted().collect(Collectors.joining("\n", "", "\n")));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    connector = new ProcessBuilder(java, "-jar", jar.toString(), "--root", root.toString(), "--token", TOKEN,
        "--listen", "127.0.0.1:" + port, "--name", "e2e-img", "--managed-list", managed.toString(), "--rescan-seconds", "3600",
        "--max-restore-points", "30", "--consolidate-after-days", "7")
        .redirectErrorStream(true).redirectOutput(dir.resolve("connector.log").toFile()).start();
    connectorUri = URI.create("http://127.0.0.1:" + port);
    awaitHealthy();

    VigilConfig base = RunningExporter.config(dir.resolve("data"));
    TenantConfig acme = base.tenant("acme").orElseThrow().withConnectors(
        List.of(new ConnectorConfig("e2e-img", connectorUri.toString(), TOKEN, null, 3600L, 10L, null)), List.of());
    exporter = RunningExporter.start(new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null,
        List.of(acme, base.tenant("globex").orElseThrow())), null, Clock.systemUTC());
    exporter.exporter().pollConnectorsNow();
  }

  static void awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        if (http.send(HttpRequest.newBuilder(connectorUri.resolve("/-/healthy")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      if (!connector.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("the connector did not start: " + Files.readString(dir.resolve("connector.log")));
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (exporter != null) {
      exporter.close();
    }
    if (connector != null) {
      connector.destroy();
      if (!connector.waitFor(10, TimeUnit.SECONDS)) {
        connector.destroyForcibly();
      }
    }
  }

  static JsonNode inventory() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(connectorUri.resolve("/api/v1/inventory"))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void theChainMetricsEqualTheConnectorsOwnNumbers() throws Exception {
    JsonNode inventory = inventory();
    Exposition m = exporter.metrics();
    assertThat(m.value("vigil_connector_up", "connector", "e2e-img")).isEqualTo(1);
    assertThat(m.value("vigil_repository_free_bytes", "connector", "e2e-img"))
        .isEqualTo(inventory.at("/repository/free_bytes").asDouble());
    assertThat(m.value("vigil_repository_size_bytes", "connector", "e2e-img"))
        .isEqualTo(inventory.at("/repository/size_bytes").asDouble());
    int volumes = 0;
    for (JsonNode folder : inventory.get("folders")) {
      String path = folder.get("customer").asText() + "/" + folder.get("folder").asText();
      boolean managed = folder.get("managed").asBoolean();
      assertThat(m.value("vigil_folder_unmanaged", "connector", "e2e-img", "folder", path)).isEqualTo(managed ? 0 : 1);
      Map<String, Long> retention = new HashMap<>();
      folder.get("volumes").forEach(v -> retention.merge(v.get("volume").asText(), v.get("retention_bytes").asLong(), Long::sum));
      for (JsonNode chain : folder.get("volumes")) {
        String[] labels = {"connector", "e2e-img", "customer", folder.get("customer").asText(), "folder", path,
            "volume", chain.get("volume").asText()};
        if (!managed) {
          assertThat(m.find("vigil_chain_depth", labels)).as("no chains exported for unmanaged %s", path).isEmpty();
          continue;
        }
        if (!chain.get("current").asBoolean()) {
          continue;
        }
        volumes++;
        assertThat(m.value("vigil_chain_depth", labels)).as("depth of %s", List.of(labels)).isEqualTo(chain.get("depth").asDouble());
        assertThat(m.value("vigil_chain_usage_bytes", labels)).isEqualTo(chain.get("usage_bytes").asDouble());
        assertThat(m.value("vigil_chain_retention_bytes", labels)).isEqualTo(retention.get(chain.get("volume").asText()).doubleValue());
        assertThat(m.value("vigil_chain_broken", labels)).isEqualTo(chain.get("broken").asBoolean() ? 1 : 0);
        assertThat(m.value("vigil_chain_newest_image_timestamp_seconds", labels))
            .isEqualTo(Instant.parse(chain.get("newest_image_time").asText()).getEpochSecond());
        for (String kind : List.of("base", "incremental", "daily", "weekly", "monthly")) {
          assertThat(m.value("vigil_chain_images", ConnectorPollingIT.concat(labels, "kind", kind))).isEqualTo(chain.at("/images/" + kind).asDouble());
        }
      }
    }
    assertThat(volumes).isGreaterThanOrEqualTo(4);
    assertThat(m.samples("vigil_chain_broken")).anyMatch(s -> s.value() == 1);
    assertThat(m.samples("vigil_chain_retention_unexpected")).anyMatch(s -> s.value() == 1);
    assertThat(m.value("vigil_folder_unmanaged", "folder", "acme/OLD-SRV")).isEqualTo(1);
  }

  @Test
  void theExpositionWithPolledChainsPassesPromtool() throws Exception {
    Promtool.assertValidExposition(exporter.metrics().text());
    Promtool.assertValidExposition(exporter.scrape("/tenants/acme/metrics", "acme-read").text());
  }
}
