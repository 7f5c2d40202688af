package io.vigil.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.CustomerConfig;
import io.vigil.config.FolderConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.http.Authenticator;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Inventories;
import io.vigil.testsupport.Promtool;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real exporter polling a WireMock connector: a failed poll marks the connector down and keeps its
 * last good data with its age; 304 keeps it up; a hanging connector never slows a scrape.
 */
class ConnectorPollingIT {
  static final String PATH = "/api/v1/inventory";
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final long TIMEOUT_SECONDS = 2;
  static final int MAX_BODY = 64 * 1024;

  @TempDir
  Path dir;
  WireMockServer wm;
  TestClock clock;
  RunningExporter exporter;
  VigilConfig config;

  @BeforeEach
  void start() throws Exception {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    wm.start();
    clock = new TestClock(T0);
    VigilConfig base = RunningExporter.config(dir);
    ConnectorConfig img01 = new ConnectorConfig("img01", wm.baseUrl(), "tok", null, 3600L, TIMEOUT_SECONDS, (long) MAX_BODY);
    TenantConfig acme = base.tenant("acme").orElseThrow();
    acme = new TenantConfig(acme.account(), acme.name(), null, null, acme.keys(), List.of(img01), 7200L,
        List.of(new FolderConfig("img01", "acme/OLD-SRV", "Acme Holdings", null)), List.of(new CustomerConfig("Acme Holdings", 5_000L)));
    config = new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null,
        List.of(acme, base.tenant("globex").orElseThrow()));
    exporter = RunningExporter.start(config, null, clock);
  }

  @AfterEach
  void stop() {
    exporter.close();
    wm.stop();
  }

  void connectorAnswers(ResponseDefinitionBuilder answer) {
    wm.resetAll();
    wm.stubFor(get(PATH).withHeader("Authorization", equalTo("Bearer tok")).willReturn(answer));
  }

  Exposition pollAndScrape() throws Exception {
    exporter.exporter().pollConnectorsNow();
    return exporter.metrics();
  }

  static final String[] IMG01 = {"tenant", "acme", "connector", "img01"};
  static final String[] C_VOL = {"tenant", "acme", "connector", "img01", "folder", "acme/SRV01", "volume", "C_VOL"};

  @Test
  void aGoodPollExportsTheCurrentChainOfEachVolumeWithTheVolumesRetention() throws Exception {
    connectorAnswers(okJson(Inventories.sample()).withHeader("ETag", "\"v1\""));
    Exposition m = pollAndScrape();
    assertThat(m.value("vigil_connector_up", IMG01)).isEqualTo(1);
    assertThat(m.value("vigil_connector_info", "connector", "img01", "version", "9.9.9")).isEqualTo(1);
    assertThat(m.find("vigil_chain_depth", C_VOL).orElseThrow().labels()).containsEntry("customer", "acme");
    assertThat(m.value("vigil_chain_depth", C_VOL)).isEqualTo(5);
    assertThat(m.value("vigil_chain_usage_bytes", C_VOL)).isEqualTo(1000);
    assertThat(m.value("vigil_chain_retention_bytes", C_VOL)).isEqualTo(500);
    assertThat(m.value("vigil_chain_retention_unexpected", C_VOL)).isEqualTo(1);
    assertThat(m.value("vigil_chain_broken", C_VOL)).isZero();
    assertThat(m.value("vigil_chain_images", concat(C_VOL, "kind", "incremental"))).isEqualTo(3);
    assertThat(m.value("vigil_chain_newest_image_timestamp_seconds", C_VOL)).isEqualTo(Instant.parse("2026-11-25T09:00:00Z").getEpochSecond());
    assertThat(m.value("vigil_chain_since_newest_image_seconds", C_VOL)).isEqualTo(3600);
    assertThat(m.value("vigil_chain_grace_seconds", C_VOL)).isEqualTo(7200);
    assertThat(m.value("vigil_folder_unmanaged", "folder", "acme/OLD-SRV", "customer", "Acme Holdings")).isEqualTo(1);
    assertThat(m.value("vigil_folder_unmanaged", "folder", "acme/SRV01", "customer", "acme")).isZero();
    assertThat(m.samples("vigil_chain_depth")).noneMatch(s -> s.labels().get("folder").equals("acme/OLD-SRV"));
    assertThat(m.value("vigil_repository_free_bytes", IMG01)).isEqualTo(400_000);
    assertThat(m.value("vigil_repository_size_bytes", IMG01)).isEqualTo(1_000_000);
    assertThat(m.value("vigil_customer_quota_bytes", "tenant", "acme", "customer", "Acme Holdings")).isEqualTo(5_000);
    assertThat(m.value("vigil_poll_requests_total", "result", "ok")).isEqualTo(1);
    Promtool.assertValidExposition(m.text());
  }

  @Test
  void aCustomerWithoutAConfiguredQuotaHasNoQuotaSeriesOnlyItsRepositorysFreeSpace() throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    Exposition m = pollAndScrape();
    assertThat(m.find("vigil_chain_depth", C_VOL).orElseThrow().labels()).containsEntry("customer", "acme");
    assertThat(m.find("vigil_customer_quota_bytes", "tenant", "acme", "customer", "acme"))
        .as("acme has no quota_bytes: its repository's free space is not a quota").isEmpty();
    assertThat(m.samples("vigil_customer_quota_bytes")).extracting(s -> s.labels().get("customer")).containsExactly("Acme Holdings");
    assertThat(m.value("vigil_repository_free_bytes", IMG01)).isEqualTo(400_000);
  }

  @Test
  void anOlderConnectorsInventoryExportsNoIntegrityProblemsAndNoNewestFileTime() throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    Exposition m = pollAndScrape();
    assertThat(m.value("vigil_chain_images", concat(C_VOL, "kind", "differential"))).isZero();
    assertThat(m.value("vigil_chain_images", concat(C_VOL, "kind", "rolling"))).isZero();
    assertThat(m.value("vigil_chain_unverified_images", C_VOL)).isZero();
    assertThat(m.value("vigil_chain_verification_failed", C_VOL)).isZero();
    assertThat(m.samples("vigil_chain_verification_failed_timestamp_seconds")).isEmpty();
    assertThat(m.samples("vigil_chain_newest_file_timestamp_seconds")).isEmpty();
    assertThat(m.samples("vigil_connector_unparseable_files")).isEmpty();
  }

  @Test
  void integrityNewestFileAndUnparseableFilesOfTheCurrentChainAreExported() throws Exception {
    connectorAnswers(okJson(Inventories.withIntegrity()));
    Exposition m = pollAndScrape();
    assertThat(m.value("vigil_chain_images", concat(C_VOL, "kind", "differential"))).isEqualTo(1);
    assertThat(m.value("vigil_chain_images", concat(C_VOL, "kind", "rolling"))).isEqualTo(2);
    assertThat(m.value("vigil_chain_unverified_images", C_VOL)).as("the current chain's, not the older chain's").isEqualTo(2);
    assertThat(m.value("vigil_chain_verification_failed", C_VOL)).isEqualTo(1);
    assertThat(m.value("vigil_chain_verification_failed_timestamp_seconds", C_VOL))
        .isEqualTo(Instant.parse("2026-11-25T08:00:00Z").getEpochSecond());
    assertThat(m.value("vigil_chain_newest_file_timestamp_seconds", C_VOL)).isEqualTo(Instant.parse("2026-11-25T09:30:00Z").getEpochSecond());
    assertThat(m.value("vigil_chain_newest_image_timestamp_seconds", C_VOL)).as("freshness stays the backup time")
        .isEqualTo(Instant.parse("2026-11-25T09:00:00Z").getEpochSecond());
    assertThat(m.value("vigil_connector_unparseable_files", concat(IMG01, "folder", "acme/SRV01"))).isEqualTo(3);
    assertThat(m.value("vigil_connector_unparseable_files", concat(IMG01, "folder", "acme"))).isEqualTo(1);
    assertThat(m.value("vigil_connector_unparseable_files", concat(IMG01, "folder", ""))).isEqualTo(2);
    assertThat(m.samples("vigil_connector_unparseable_files")).hasSize(3);
    Promtool.assertValidExposition(m.text());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("timeout", aResponse().withStatus(200).withBody(Inventories.sample()).withFixedDelay((int) (TIMEOUT_SECONDS * 1000 + 2000))),
        Arguments.of("http_error", aResponse().withStatus(503).withBody("busy")),
        Arguments.of("error", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of("malformed", okJson("{\"version\":1,\"folders\":[{\"customer\":\"acme\"")),
        Arguments.of("oversized", okJson(Inventories.sample().replace("\"something_new\":{", "\"pad\":\"" + "x".repeat(MAX_BODY) + "\",\"something_new\":{"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailedPollMarksTheConnectorDownAndKeepsItsLastGoodDataWithItsAge(String result, ResponseDefinitionBuilder failure) throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    assertThat(pollAndScrape().value("vigil_connector_up", IMG01)).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    connectorAnswers(failure);
    Exposition m = pollAndScrape();
    assertThat(m.value("vigil_connector_up", IMG01)).isZero();
    assertThat(m.value("vigil_poll_requests_total", "result", result)).isEqualTo(1);
    assertThat(m.value("vigil_connector_last_poll_timestamp_seconds", IMG01)).isEqualTo(T0.plusSeconds(300).getEpochSecond());
    assertThat(m.value("vigil_connector_last_success_timestamp_seconds", IMG01)).isEqualTo(T0.getEpochSecond());
    assertThat(m.value("vigil_connector_since_last_success_seconds", IMG01)).isEqualTo(300);
    assertThat(m.value("vigil_chain_depth", C_VOL)).isEqualTo(5);
    assertThat(m.value("vigil_chain_usage_bytes", C_VOL)).isEqualTo(1000);
    assertThat(m.value("vigil_repository_free_bytes", IMG01)).isEqualTo(400_000);
    assertThat(m.value("vigil_folder_unmanaged", "folder", "acme/OLD-SRV")).isEqualTo(1);

    connectorAnswers(okJson(Inventories.sample().replace("\"depth\":5", "\"depth\":6")));
    clock.advance(Duration.ofMinutes(1));
    m = pollAndScrape();
    assertThat(m.value("vigil_connector_up", IMG01)).isEqualTo(1);
    assertThat(m.value("vigil_chain_depth", C_VOL)).isEqualTo(6);
    assertThat(m.value("vigil_connector_since_last_success_seconds", IMG01)).isZero();
  }

  @Test
  void aDownConnectorWithoutEverAGoodPollShowsUpZeroAndNoChains() throws Exception {
    connectorAnswers(aResponse().withStatus(500));
    Exposition m = pollAndScrape();
    assertThat(m.value("vigil_connector_up", IMG01)).isZero();
    assertThat(m.find("vigil_connector_last_success_timestamp_seconds", IMG01)).isEmpty();
    assertThat(m.samples("vigil_chain_depth")).isEmpty();
  }

  @Test
  void anUnchangedInventoryAnswered304KeepsTheConnectorUpAndItsData() throws Exception {
    connectorAnswers(okJson(Inventories.sample()).withHeader("ETag", "\"v1\""));
    pollAndScrape();
    wm.stubFor(get(PATH).withHeader("If-None-Match", equalTo("\"v1\"")).atPriority(1).willReturn(aResponse().withStatus(304)));
    clock.advance(Duration.ofMinutes(2));
    Exposition m = pollAndScrape();
    assertThat(m.value("vigil_poll_requests_total", "result", "not_modified")).isEqualTo(1);
    assertThat(m.value("vigil_connector_up", IMG01)).isEqualTo(1);
    assertThat(m.value("vigil_connector_last_success_timestamp_seconds", IMG01)).isEqualTo(T0.plusSeconds(120).getEpochSecond());
    assertThat(m.value("vigil_chain_depth", C_VOL)).isEqualTo(5);
  }

  @Test
  void aScrapeReturnsWhileTheConnectorHangs() throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    pollAndScrape();
    connectorAnswers(okJson(Inventories.sample()).withFixedDelay((int) (TIMEOUT_SECONDS * 1000 + 5000)));
    CompletableFuture<Void> hangingPoll = CompletableFuture.runAsync(() -> exporter.exporter().pollConnectorsNow());
    while (wm.getAllServeEvents().isEmpty()) {
      Thread.sleep(10);
    }
    Exposition all = exporter.metrics();
    Exposition tenant = exporter.scrape("/tenants/acme/metrics", "acme-read");
    assertThat(hangingPoll).as("the scrapes returned while the connector was still hanging").isNotDone();
    assertThat(all.value("vigil_chain_depth", C_VOL)).isEqualTo(5);
    assertThat(tenant.value("vigil_connector_up", IMG01)).isEqualTo(1);
    hangingPoll.join();
    assertThat(exporter.metrics().value("vigil_connector_up", IMG01)).isZero();
  }

  @Test
  void aTenantScrapeShowsOnlyThatTenantsConnectors() throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    exporter.exporter().pollConnectorsNow();
    Exposition acme = exporter.scrape("/tenants/acme/metrics", "acme-read");
    Exposition globex = exporter.scrape("/tenants/globex/metrics", "globex-read");
    assertThat(acme.samples("vigil_chain_depth")).isNotEmpty();
    assertThat(globex.samples("vigil_connector_up")).isEmpty();
    assertThat(globex.samples("vigil_chain_depth")).isEmpty();
    assertThat(globex.samples("vigil_customer_quota_bytes")).isEmpty();
    Promtool.assertValidExposition(acme.text());
  }

  @Test
  void theLastPollIsKeptSoARestartExportsItBeforeItsFirstPoll() throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    pollAndScrape();
    exporter.close();
    connectorAnswers(aResponse().withStatus(500));
    exporter = RunningExporter.start(config, null, clock);
    assertThat(exporter.metrics().value("vigil_chain_depth", C_VOL)).as("exported from the store before any poll").isEqualTo(5);
  }

  @Test
  void connectorsAddedOrRemovedInTheFileTakeEffectOnReloadWithoutARestart(@TempDir Path other) throws Exception {
    connectorAnswers(okJson(Inventories.sample()));
    Path file = other.resolve("vigil.yml");
    String tenants = """
        listen: 127.0.0.1:0
        data_dir: %s
        admin_keys:
          - sha256: %s
        tenants:
          - account: acme
        """.formatted(other.resolve("data"), Authenticator.sha256Hex(RunningExporter.ADMIN));
    String connector = """
            connectors:
              - name: img02
                url: %s
                token: tok
                interval_seconds: 3600
        """.formatted(wm.baseUrl());
    Files.writeString(file, tenants);
    try (RunningExporter reloaded = RunningExporter.start(new ConfigLoader().load(file), file, clock)) {
      assertThat(reloaded.metrics().samples("vigil_connector_up")).isEmpty();

      Files.writeString(file, tenants + connector);
      assertThat(reloaded.post("/api/v1/admin/reload", RunningExporter.ADMIN, "").statusCode()).isEqualTo(200);
      reloaded.exporter().pollConnectorsNow();
      Exposition m = reloaded.metrics();
      assertThat(m.value("vigil_connector_up", "connector", "img02")).isEqualTo(1);
      assertThat(m.value("vigil_chain_depth", "connector", "img02", "folder", "acme/SRV01")).isEqualTo(5);

      Files.writeString(file, tenants);
      assertThat(reloaded.post("/api/v1/admin/reload", RunningExporter.ADMIN, "").statusCode()).isEqualTo(200);
      m = reloaded.metrics();
      assertThat(m.samples("vigil_connector_up")).isEmpty();
      assertThat(m.samples("vigil_chain_depth")).isEmpty();
    }
  }

  static String[] concat(String[] labels, String... more) {
    return Stream.concat(Stream.of(labels), Stream.of(more)).toArray(String[]::new);
  }
}
