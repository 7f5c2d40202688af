package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigLoader;
import io.vigil.config.EntityLimits;
import io.vigil.config.VigilConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetModelTest {
  private final FleetModel fleet = new FleetModel(3, 20, 200, 100);

  @Test
  void everyDeviceAndJobHasAUniqueNameAndStaysInItsCustomersTenant() {
    Set<String> devices = new HashSet<>();
    IntStream.range(0, 100).forEach(d -> devices.add(fleet.device(d)));
    assertThat(devices).hasSize(100);
    Set<String> jobs = new HashSet<>();
    IntStream.range(0, 200).forEach(j -> jobs.add(fleet.device(fleet.deviceOfJob(j)) + "/" + fleet.job(j)));
    assertThat(jobs).hasSize(200);
    IntStream.range(0, 200).forEach(j ->
        assertThat(fleet.tenantOfJob(j)).isEqualTo(fleet.tenantOfCustomer(fleet.customerOfDevice(fleet.deviceOfJob(j)))));
  }

  @Test
  void batchesCarryEveryItemOnceWithinTheSizeAndOneTenantEach() {
    List<FleetModel.Batch> batches = fleet.batches(7, 1, 1_700_000_000L);
    assertThat(batches.stream().mapToInt(FleetModel.Batch::items).sum()).isEqualTo(200 + 100);
    assertThat(batches).allSatisfy(b -> {
      assertThat(b.items()).isBetween(1, 7);
      assertThat(b.body()).startsWith("{\"items\":[").endsWith("]}");
      int count = b.body().split("\"type\":", -1).length - 1;
      assertThat(count).isEqualTo(b.items());
    });
  }

  @Test
  void configHasAPushAndAReadKeyPerTenantAsSha256() {
    String yaml = fleet.configYaml();
    assertThat(yaml).contains("account: t000", "account: t002").doesNotContain("bench-push-");
    assertThat(yaml).contains(FleetModel.sha256(fleet.pushKey(1)));
    assertThat(FleetModel.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void theConfigurationLoadsWithEntityLimitsNoTenantOfTheFleetReaches(@TempDir Path dir) throws Exception {
    VigilConfig config = new ConfigLoader().load(Files.writeString(dir.resolve("vigil.yml"), fleet.configYaml()));
    assertThat(config.entityLimitsFor("t000")).isEqualTo(new EntityLimits(200, 100, 200));
  }

  @Test
  void pushgatewayGroupHasTheDevicesJobs() {
    String group = fleet.pushgatewayGroup(5, 1, 1_700_000_000L);
    assertThat(group).contains("backup_job=\"backup-0\"", "backup_job=\"backup-1\"").doesNotContain("backup-2");
    assertThat(group.lines().filter(l -> l.startsWith("vigil_job_status{")).count()).as("2 jobs x 5 statuses").isEqualTo(10);
  }

  @Test
  void refusesAnImpossibleShape() {
    assertThatThrownBy(() -> new FleetModel(1, 10, 5, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
