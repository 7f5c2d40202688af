package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.RollUp;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  final ConfigLoader loader = new ConfigLoader();

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
  }

  @Test
  void theCompleteExampleLoadsWithEveryValue() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.listen()).isEqualTo("127.0.0.1:9877");
    assertThat(config.dataDir()).isEqualTo("/var/lib/vigil");
    assertThat(config.limits().maxBatchItems()).isEqualTo(500);
    assertThat(config.defaults().retireAfterDays()).isEqualTo(45);
    assertThat(config.tenant("acme")).get().satisfies(t -> {
      assertThat(t.name()).isEqualTo("ACME Managed IT");
      assertThat(t.keys()).extracting(KeyConfig::role).containsExactly(KeyRole.PUSH, KeyRole.READ);
    });
  }

  @Test
  void serverBoundsLoadFromTheServerSection() throws Exception {
    ServerConfig server = loader.load(fixture("good.yml")).server();
    assertThat(server).isEqualTo(new ServerConfig(500, 100, 20, 5, 8192, 2048, 50));
    assertThat(server.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void withoutAServerSectionTheBoundsAreTheStandardOnes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yml"), "listen: 127.0.0.1:9877\n");
    assertThat(loader.load(file).server()).isEqualTo(new ServerConfig(1_000, 200, 30, 10, 16_384, 1_024, 64));
  }

  @Test
  void aReloadKeepsTheServerBoundsInForce(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yml"), "server:\n  max_connections: 50\n");
    LiveConfig live = new LiveConfig(loader.load(file), file);
    Files.writeString(file, "server:\n  max_connections: 60\n");
    assertThat(live.reload().server().maxConnections()).as("only a restart applies server bounds").isEqualTo(50);
  }

  @Test
  void theStoreSectionNamesTheStoreAndItsDataDirectory() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.store()).isEqualTo(new StoreConfig(StoreType.SQLITE, "/var/lib/vigil"));
  }

  @Test
  void withoutAStoreSectionTheStoreIsSqliteInTheDataDirectory(@TempDir Path dir) throws Exception {
    Path bare = Files.writeString(dir.resolve("bare.yml"), "listen: 127.0.0.1:9877\n");
    assertThat(loader.load(bare).store()).isEqualTo(new StoreConfig(StoreType.SQLITE, "data"));
    Path older = Files.writeString(dir.resolve("older.yml"), "data_dir: /var/lib/vigil\n");
    assertThat(loader.load(older).store()).isEqualTo(new StoreConfig(StoreType.SQLITE, "/var/lib/vigil"));
  }

  @Test
  void theStoresDataDirectoryIsTheDataDirectory(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yml"), "store:\n  data_dir: /srv/vigil\n");
    VigilConfig config = loader.load(file);
    assertThat(config.store()).isEqualTo(new StoreConfig(StoreType.SQLITE, "/srv/vigil"));
    assertThat(config.dataDir()).isEqualTo("/srv/vigil");
  }

  @Test
  void theCommandLinesDataDirectoryWinsOverTheStoreSection(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yml"), "store:\n  type: sqlite\n  data_dir: /srv/vigil\n");
    VigilConfig config = loader.load(file).withListenAndDataDir(null, "/tmp/vigil-data");
    assertThat(config.store()).isEqualTo(new StoreConfig(StoreType.SQLITE, "/tmp/vigil-data"));
    assertThat(config.dataDir()).isEqualTo("/tmp/vigil-data");
  }

  @Test
  void aReloadKeepsTheStoreInForce(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yml"), "store:\n  data_dir: /srv/vigil\n");
    LiveConfig live = new LiveConfig(loader.load(file).withListenAndDataDir(null, "/tmp/vigil-data"), file);
    Files.writeString(file, "store:\n  data_dir: /srv/elsewhere\n");
    VigilConfig reloaded = live.reload();
    assertThat(reloaded.store()).as("only a restart opens another store").isEqualTo(new StoreConfig(StoreType.SQLITE, "/tmp/vigil-data"));
    assertThat(reloaded.dataDir()).isEqualTo("/tmp/vigil-data");
  }

  @Test
  void tenantOverridesWinOverDefaults() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.graceFor("acme")).isEqualTo(Duration.ofDays(1));
    assertThat(config.graceFor("someone-else")).isEqualTo(Duration.ofHours(36));
    assertThat(config.heartbeatIntervalFor("acme")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void connectorsFoldersAndQuotasLoadWithTheirDefaults() throws Exception {
    TenantConfig acme = loader.load(fixture("good.yml")).tenant("acme").orElseThrow();
    assertThat(acme.connectors()).hasSize(2);
    ConnectorConfig img01 = acme.connectors().get(0);
    assertThat(img01.interval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(img01.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(img01.maxBodyBytes()).isEqualTo(8_388_608L);
    assertThat(img01.inventoryUri()).hasToString("http://img01.acme.example:9878/api/v1/inventory");
    assertThat(img01.toString()).doesNotContain("s3cret");
    ConnectorConfig img02 = acme.connectors().get(1);
    assertThat(img02.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(img02.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(img02.inventoryUri()).hasToString("https://img02.acme.example/api/v1/inventory");
    assertThat(acme.folder("img01", "acme-old/SRV01")).get().extracting(FolderConfig::customer).isEqualTo("ACME Holdings");
    assertThat(acme.folder("img02", "acme/SQL01")).get().extracting(FolderConfig::graceSeconds).isEqualTo(3600L);
    assertThat(acme.quotaBytes("ACME Holdings")).contains(1L << 40);
  }

  @Test
  void entityLimitsAreTheTenantsOwnThenTheFleetWideOnesThenTheStandardOnes(@TempDir Path dir) throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.entityLimitsFor("acme")).isEqualTo(new EntityLimits(500, 2_000, 15_000));
    assertThat(config.entityLimitsFor("someone-else")).isEqualTo(new EntityLimits(10_000, 2_000, 15_000));
    Path bare = Files.writeString(dir.resolve("vigil.yml"), "listen: 127.0.0.1:9877\n");
    assertThat(loader.load(bare).entityLimitsFor("acme")).isEqualTo(new EntityLimits(20_000, 5_000, 20_000));
  }

  @Test
  void theMostSpecificScheduleWinsThenTheTenantDefault() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    SchedulesConfig acme = config.tenant("acme").orElseThrow().schedules();
    assertThat(acme.scheduleFor("ACME Holdings", "weekly-full").cron()).isEqualTo("0 3 * * SUN");
    assertThat(acme.scheduleFor("Dental", "weekly-full").timeZone()).isEqualTo("America/New_York");
    assertThat(acme.scheduleFor("ACME Holdings", "nightly").cron()).isEqualTo("0 22 * * *");
    assertThat(acme.scheduleFor("Dental", "weekly").days()).as("'weekly-*' needs the dash").containsExactly("mon", "tue", "wed", "thu", "fri");
    assertThat(SchedulesConfig.none().scheduleFor("Dental", "nightly")).as("no schedules: the grace rule").isNull();
    assertThat(config.timeZoneFor("acme")).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(config.timeZoneFor("someone-else")).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.historyFor("acme")).isEqualTo(new HistoryConfig("07:00", RollUp.WORST));
    assertThat(config.historyFor("someone-else")).isEqualTo(new HistoryConfig("06:00", RollUp.MIXED));
  }

  @Test
  void chainGraceFallsBackToTheTenantGraceThenTheDefault() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.chainGraceFor("acme")).isEqualTo(Duration.ofDays(2));
    assertThat(config.chainGraceFor("someone-else")).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void aTokenFileIsReadAtEachUseSoItCanBeRotated(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("img01.token"), "first\n");
    Path file = Files.writeString(dir.resolve("vigil.yml"), """
        tenants:
          - account: acme
            connectors:
              - name: img01
                url: http://127.0.0.1:9878/
                token_file: %s
        """.formatted(token));
    ConnectorConfig img01 = loader.load(file).tenant("acme").orElseThrow().connectors().get(0);
    assertThat(img01.bearerToken()).isEqualTo("first");
    Files.writeString(token, "second\n");
    assertThat(img01.bearerToken()).isEqualTo("second");
    assertThat(img01.inventoryUri()).hasToString("http://127.0.0.1:9878/api/v1/inventory");
  }

  @Test
  void theShippedExampleConfigurationIsValid() throws Exception {
    VigilConfig config = loader.load(Path.of("examples", "poll-connector.yml"));
    assertThat(config.tenant("acme")).get().satisfies(t -> assertThat(t.connectors()).hasSize(1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "invalid-unknown-key.yml        | tenants[0].colour: unknown key",
      "invalid-account.yml            | tenants[0].account: must be 1-64 of a-z",
      "invalid-duplicate-account.yml  | tenants[1].account: 'acme' is configured twice",
      "invalid-key-hash.yml           | tenants[0].keys[0].sha256: must be the 64 lower-case hex digits",
      "invalid-key-role.yml           | tenants[0].keys[0].role: must be push or read",
      "invalid-same-key-twice.yml     | tenants[0].keys[0].sha256: the same key is configured twice",
      "invalid-negative-grace.yml     | defaults.grace_seconds: must be greater than 0",
      "invalid-wrong-type.yml         | defaults.retire_after_days:",
      "invalid-listen.yml             | listen: must be HOST:PORT",
      "invalid-connector-url.yml      | tenants[0].connectors[0].url: must be an absolute http or https URL",
      "invalid-connector-token.yml    | tenants[0].connectors[0]: give exactly one of token or token_file",
      "invalid-connector-token-file.yml | tenants[0].connectors[0].token_file: cannot read /nonexistent/vigil/img01.token",
      "invalid-connector-timeout.yml  | tenants[0].connectors[0].timeout_seconds: must be greater than 0",
      "invalid-connector-name.yml     | tenants[0].connectors[0].name: must be 1-64 of",
      "invalid-connector-twice.yml    | tenants[0].connectors[1].name: 'img01' is configured twice",
      "invalid-connector-unknown-key.yml | tenants[0].connectors[0].intervall_seconds: unknown key",
      "invalid-folder-connector.yml   | tenants[0].folders[0].connector: must name a connector of this tenant, got 'img02'",
      "invalid-folder-path.yml        | tenants[0].folders[0].folder: must be the folder's path on the connector, CUSTOMER/FOLDER",
      "invalid-folder-nothing.yml     | tenants[0].folders[0]: give customer, grace_seconds or both",
      "invalid-chain-grace.yml        | tenants[0].chain_grace_seconds: must be greater than 0",
      "invalid-customer-quota.yml     | tenants[0].customers[0].quota_bytes: must be greater than 0",
      "invalid-server-threads.yml     | server.max_threads: must be at least 16",
      "invalid-server-header-timeout.yml | server.request_header_timeout_seconds: must be greater than 0",
      "invalid-server-header-bytes.yml | server.max_request_header_bytes: must be at least 1024",
      "invalid-server-unknown-key.yml | server.max_conections: unknown key",
      "invalid-jobs-per-tenant.yml    | limits.max_jobs_per_tenant: must be greater than 0",
      "invalid-tenant-limit.yml       | tenants[0].limits.max_devices: must be greater than 0",
      "invalid-tenant-limit-unknown-key.yml | tenants[0].limits.max_job: unknown key",
      "invalid-server-per-address.yml | server.max_connections_per_address: must be 1 to server.max_connections (100)",
      "invalid-server-per-address-zero.yml | server.max_connections_per_address: must be 1 to server.max_connections (1000)",
      "invalid-store-type.yml         | store.type: Cannot deserialize value of type `io.vigil.config.StoreType` from String \"postgres\"",
      "invalid-store-unknown-key.yml  | store.path: unknown key (known: data_dir, type)",
      "invalid-store-two-data-dirs.yml | store.data_dir: '/srv/vigil' differs from data_dir '/var/lib/vigil' (its older spelling)",
      "invalid-time-zone.yml          | tenants[0].time_zone: is not a known time zone ('Europe/Atlantis')",
      "invalid-schedule-cron.yml      | tenants[0].schedules.rules[0].schedule.cron: is not a valid five-field cron expression ('0 25 * * *')",
      "invalid-schedule-zone.yml      | tenants[0].schedules.default.time_zone: is not a known time zone ('Mars/Olympus')",
      "invalid-schedule-day.yml       | tenants[0].schedules.rules[0].schedule.days[1]: must be one of mon, tue, wed, thu, fri, sat, sun",
      "invalid-schedule-window.yml    | tenants[0].schedules.default.window_start: must be a time of day HH:MM, got '25:00'",
      "invalid-schedule-rule-matches-all.yml | tenants[0].schedules.rules[0]: give customer, job (a name pattern) or both",
      "invalid-day-start.yml          | tenants[0].history.day_start: must be a time of day HH:MM, got '6am'",
      "invalid-roll-up.yml            | tenants[0].history.roll_up: Cannot deserialize value of type `io.vigil.model.RollUp` from String \"best\"",
  })
  void eachInvalidFileIsRefusedNamingTheKey(String file, String expected) {
    assertThatThrownBy(() -> loader.load(fixture(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
