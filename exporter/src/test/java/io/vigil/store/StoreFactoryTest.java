package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.StoreConfig;
import io.vigil.config.StoreType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFactoryTest {
  @TempDir
  Path dir;

  @Test
  void theSqliteTypeOpensItsFileInTheStoresDataDirectory() throws Exception {
    Path data = dir.resolve("data");
    try (Store store = StoreFactory.open(new StoreConfig(StoreType.SQLITE, data.toString()))) {
      assertThat(store).isInstanceOf(SqliteStore.class);
    }
    assertThat(data.resolve(SqliteStore.FILE_NAME)).exists();
  }
}
