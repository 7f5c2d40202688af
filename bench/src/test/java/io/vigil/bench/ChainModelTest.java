package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigLoader;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.VigilConfig;
import io.vigil.connector.inventory.Snapshot;
import io.vigil.poll.Inventory;
import io.vigil.poll.InventoryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainModelTest {
  private static final Instant AS_OF = Instant.parse("2026-11-29T12:00:00Z");
  private final FleetModel fleet = new FleetModel(3, 20, 200, 100);
  private final ChainModel chains = new ChainModel(fleet, 7, 101);

  @TempDir
  Path dir;

  @Test
  void everyChainIsOnOneConnectorOfItsFoldersTenantAndACustomersFoldersShareOne() {
    assertThat(IntStream.range(0, 7).map(chains::chainsOn).sum()).isEqualTo(101);
    Map<Integer, Integer> connectorOfCustomer = new HashMap<>();
    for (int f = 0; f < chains.folders(); f++) {
      int k = chains.connectorOfFolder(f);
      assertThat(k).isBetween(0, 6);
      assertThat(chains.tenantOfConnector(k)).isEqualTo(fleet.tenantOfDevice(f));
      assertThat(connectorOfCustomer.computeIfAbsent(fleet.customerOfDevice(f), c -> k)).isEqualTo(k);
    }
    assertThat(IntStream.range(0, 7).filter(k -> chains.chainsOn(k) > 0).count()).isEqualTo(7);
  }

  /** What the exporter reads from a simulated connector: its own parser over the connector module's serialisation. */
  @Test
  void inventoryParsesInTheExporterWithTheFleetsCustomersAndOneCurrentChainPerVolume() throws Exception {
    int k = 1;
    Inventory inventory = new InventoryParser().parse(Snapshot.of(chains.inventory(k, AS_OF, 0), AS_OF).body());

    List<Inventory.Volume> volumes = inventory.folders().stream().flatMap(f -> f.volumes().stream()).toList();
    assertThat(volumes).hasSize(chains.chainsOn(k)).allSatisfy(v -> assertThat(v.current()).isTrue());
    assertThat(inventory.folders()).allSatisfy(f -> {
      assertThat(f.managed()).isTrue();
      int c = Integer.parseInt(f.folder().substring(1, 7));
      assertThat(f.customer()).isEqualTo(fleet.customer(c));
      assertThat(fleet.tenantOfCustomer(c)).isEqualTo(chains.tenantOfConnector(k));
    });
    assertThat(volumes).allSatisfy(v -> {
      assertThat(v.images().base()).isEqualTo(1);
      assertThat(v.images().daily()).isEqualTo(ChainModel.DAYS);
      assertThat(v.newestImageTime()).isBeforeOrEqualTo(AS_OF);
    });
    // chain 0 (folder 0, C_VOL, on connector 0) misses an incremental
    Inventory first = new InventoryParser().parse(Snapshot.of(chains.inventory(0, AS_OF, 0), AS_OF).body());
    assertThat(first.folders().get(0).volumes().stream().filter(Inventory.Volume::broken).map(Inventory.Volume::volume))
        .containsExactly("C_VOL");
  }

  @Test
  void aNewCycleAddsAnIncrementalAndChangesTheEtagWhileTheSameCycleKeepsIt() {
    Snapshot before = Snapshot.of(chains.inventory(2, AS_OF, 0), AS_OF);
    Snapshot again = Snapshot.of(chains.inventory(2, AS_OF, 0), AS_OF.plusSeconds(5));
    Snapshot next = Snapshot.of(chains.inventory(2, AS_OF.plusSeconds(60), 1), AS_OF.plusSeconds(60));

    assertThat(again.etag()).isEqualTo(before.etag());
    assertThat(next.etag()).isNotEqualTo(before.etag());
    assertThat(next.inventory().folders().get(0).volumes().get(0).images().incremental())
        .isEqualTo(before.inventory().folders().get(0).volumes().get(0).images().incremental() + 1);
  }

  @Test
  void pushgatewayGroupHasEighteenSeriesPerChainAndLeavesTheConnectorToTheGroupingKey() {
    int k = 0;
    String group = chains.pushgatewayGroup(k, chains.inventory(k, AS_OF, 0), AS_OF);

    assertThat(group.lines().filter(l -> l.startsWith("vigil_chain_")).count()).isEqualTo(18L * chains.chainsOn(k));
    assertThat(group).doesNotContain("connector=").contains("vigil_chain_broken{tenant=\"t000\",customer=\"Customer 000000 Ltd\","
        + "folder=\"Customer 000000 Ltd/c000000-srv00\",volume=\"C_VOL\"} 1");
  }

  @Test
  void configurationGivesEachTenantItsConnectorsAndLoadsInTheExporter() throws Exception {
    Path file = dir.resolve("bench.yml");
    Files.writeString(file, fleet.configYaml(t -> chains.connectorsYaml(t, k -> "http://127.0.0.1:" + (9000 + k), 30)));

    VigilConfig config = new ConfigLoader().load(file);

    for (int t = 0; t < 3; t++) {
      int tenant = t;
      List<ConnectorConfig> connectors = config.tenant(fleet.tenant(t)).orElseThrow().connectors();
      assertThat(connectors).extracting(ConnectorConfig::name)
          .containsExactlyElementsOf(IntStream.range(0, 7).filter(k -> k % 3 == tenant).mapToObj(chains::connector).toList());
      assertThat(connectors).allSatisfy(c -> assertThat(c.intervalSeconds()).isEqualTo(30L));
    }
    assertThat(config.tenant("t001").orElseThrow().connectors().get(0).url()).isEqualTo("http://127.0.0.1:9001");
  }

  @Test
  void refusesFewerConnectorsThanTenantsOrMoreChainsThanTwoPerDevice() {
    assertThatThrownBy(() -> new ChainModel(fleet, 2, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChainModel(fleet, 3, 201)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ChainModel(fleet, 0, 0).connectorsYaml(0, k -> "", 30)).isEmpty();
  }
}
