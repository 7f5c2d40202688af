package io.vigil.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConnectorConfig;
import io.vigil.config.CustomerConfig;
import io.vigil.config.FolderConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FolderMappingTest {
  static final VigilConfig CONFIG = new VigilConfig(null, null, null, null, null, List.of(new TenantConfig("msp", "MSP", 3_600L, null,
      List.of(), List.of(ConnectorConfig.of("img01", "http://img01:9878", "t")), 7_200L,
      List.of(new FolderConfig("img01", "acme-old/SRV01", "ACME Holdings", null), new FolderConfig("img01", "acme/SQL01", null, 60L)),
      List.of(new CustomerConfig("ACME Holdings", 42L)))));

  static Inventory.Folder folder(String customer, String name) {
    return new Inventory.Folder(customer, name, true, List.of());
  }

  @Test
  void aFolderBelongsToTheCustomerInItsPathWithTheTenantsChainGrace() {
    assertThat(FolderMapping.place(CONFIG, "msp", "img01", folder("acme", "SRV02")))
        .isEqualTo(new FolderMapping.Placement("acme", Duration.ofHours(2)));
  }

  @Test
  void anExplicitAssignmentMovesTheFolderToAnotherCustomer() {
    assertThat(FolderMapping.place(CONFIG, "msp", "img01", folder("acme-old", "SRV01")).customer()).isEqualTo("ACME Holdings");
    assertThat(FolderMapping.place(CONFIG, "msp", "img02", folder("acme-old", "SRV01")).customer())
        .as("the assignment is per connector").isEqualTo("acme-old");
  }

  @Test
  void aFolderGraceOverridesTheTenantsAndKeepsThePathCustomer() {
    assertThat(FolderMapping.place(CONFIG, "msp", "img01", folder("acme", "SQL01")))
        .isEqualTo(new FolderMapping.Placement("acme", Duration.ofMinutes(1)));
  }
}
