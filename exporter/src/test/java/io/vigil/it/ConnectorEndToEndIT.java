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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * DemoRepository (named and kept the way ShadowProtect and ImageManager do: stacked -cd/-cw/-cm suffixes,
 * .md5 sidecars, a key file, Thumbs.db, a bad.log), polled by a real exporter; the chain metrics equal the
 * connector's own JSON, only the chain that really is broken is broken, and one chain's images can be fetched
 * through the exporter.
 */
class ConnectorEndToEndIT {
  static final String TOKEN = "e2e-connector-token";
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path dir;
  static Process connector;
  static URI connectorUri;
  static RunningExporter exporter;

  /**
   * Now, unless it is before 00:30 UTC: then 31 minutes ago. The demo's chain starts a week each day at midnight
   * and consolidates the day before at 00:30, so until then its restore path has no daily, which a test below needs.
   */
  static Clock repositoryClock(Instant now) {
    boolean beforeFirstDaily = now.isBefore(now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofMinutes(30)));
    return Clock.fixed(beforeFirstDaily ? now.minus(Duration.ofMinutes(31)) : now, ZoneOffset.UTC);
  }

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of(System.getProperty("basedir", "."), "..", "connector", "target", "vigil-connector.jar").normalize();
    assertThat(jar).as("the connector jar (built by 'mvn package' before the exporter's integration tests)").exists();
    Path root = Files.createDirectories(dir.resolve("repository"));
    new DemoRepository(repositoryClock(Instant.now()), 1).write(root);
    Path managed = Files.writeString(dir.resolve("managed.txt"), DemoRepository.MANAGED.folders().stream()
        .map(f -> f.customer() + "/" + f.folder()).sorted().collect(Collectors.joining("\n", "", "\n")));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    connector = new ProcessBuilder(java, "-jar", jar.toString(), "--root", root.toString(), "--token", TOKEN,
        "--listen", "127.0.0.1:" + port, "--name", "e2e-img", "--managed-list", managed.toString(), "--rescan-seconds", "3600",
        "--consolidate-after-days", "7", "--expected-retention-days", "7,15,90")
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
        assertThat(m.value("vigil_chain_unverified_images", labels)).isEqualTo(chain.get("unverified_images").asDouble());
        assertThat(m.value("vigil_chain_verification_failed", labels))
            .isEqualTo(chain.get("verification_failed").asBoolean() ? 1 : 0);
        for (String kind : List.of("base", "differential", "incremental", "daily", "weekly", "monthly", "rolling")) {
          assertThat(m.value("vigil_chain_images", ConnectorPollingIT.concat(labels, "kind", kind))).isEqualTo(chain.at("/images/" + kind).asDouble());
        }
      }
    }
    assertThat(volumes).isGreaterThanOrEqualTo(5);
    assertThat(m.samples("vigil_chain_broken").stream().filter(s -> s.value() == 1)
        .map(s -> s.labels().get("folder") + " " + s.labels().get("volume")))
        .as("only the chain with a missing incremental is broken").containsExactly("acme/SRV01 D_VOL");
    assertThat(m.value("vigil_chain_unverified_images", "folder", "acme/SRV02", "volume", "C_VOL")).isEqualTo(1);
    assertThat(m.value("vigil_chain_verification_failed", "folder", "globex/FS01", "volume", "E_VOL")).isEqualTo(1);
    assertThat(m.samples("vigil_chain_verification_failed").stream().filter(s -> s.value() == 1)).hasSize(1);
    assertThat(m.value("vigil_connector_unparseable_files", "connector", "e2e-img", "folder", "globex/FS01"))
        .as("two junk files; the .md5, .spk, Thumbs.db and bad.log beside the images are not counted").isEqualTo(2);
    assertThat(m.samples("vigil_connector_unparseable_files")).hasSize(1);
    assertThat(m.samples("vigil_chain_retention_unexpected")).anyMatch(s -> s.value() == 1);
    assertThat(m.value("vigil_folder_unmanaged", "folder", "acme/OLD-SRV")).isEqualTo(1);
  }

  @Test
  void oneVolumesImagesAreFetchedFromTheConnectorThroughTheExporter() throws Exception {
    HttpResponse<String> response = exporter.get(
        "/tenants/acme/chains?connector=e2e-img&folder=acme/SRV01&volume=C_VOL", "acme-read");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode chain = new ObjectMapper().readTree(response.body()).at("/chains/0");
    List<String> onPath = new java.util.ArrayList<>();
    chain.get("images").forEach(i -> {
      if (i.get("on_restore_path").asBoolean()) {
        onPath.add(i.get("name").asText());
      }
    });
    JsonNode inventoryChain = null;
    for (JsonNode folder : inventory().get("folders")) {
      if (folder.get("folder").asText().equals("SRV01")) {
        for (JsonNode v : folder.get("volumes")) {
          if (v.get("volume").asText().equals("C_VOL")) {
            inventoryChain = v;
          }
        }
      }
    }
    List<String> restorePath = new java.util.ArrayList<>();
    inventoryChain.get("restore_path").forEach(n -> restorePath.add(n.asText()));
    assertThat(onPath).containsExactlyInAnyOrderElementsOf(restorePath);
    assertThat(restorePath).anyMatch(n -> n.endsWith("-cd-cw.spi")).anyMatch(n -> n.endsWith("-cd.spi"));
    assertThat(chain.get("broken").asBoolean()).isFalse();
    assertThat(exporter.get("/tenants/acme/chains?connector=e2e-img&folder=acme/SRV01&volume=C_VOL", "globex-read")
        .statusCode()).isEqualTo(403);
  }

  @Test
  void theExpositionWithPolledChainsPassesPromtool() throws Exception {
    Promtool.assertValidExposition(exporter.metrics().text());
    Promtool.assertValidExposition(exporter.scrape("/tenants/acme/metrics", "acme-read").text());
  }
}
