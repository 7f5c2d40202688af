package io.vigil.config;

import java.util.List;

/**
 * Where the state and history are kept ({@code store:}): the backend's type, and for SQLite the data
 * directory. Applied at start; a reload keeps the store in force.
 */
public record StoreConfig(StoreType type, String dataDir) {
  public StoreConfig {
    type = type != null ? type : StoreType.SQLITE;
  }

  /** SQLite, in the data directory the top-level {@code data_dir} or the default gives. */
  public static StoreConfig standard() {
    return new StoreConfig(null, null);
  }

  StoreConfig withDataDir(String newDataDir) {
    return new StoreConfig(type, newDataDir);
  }

  /** {@code data_dir} is the older spelling of {@code store.data_dir}: both may be given only when they agree. */
  void check(String topLevelDataDir, List<String> problems) {
    if (dataDir != null && !dataDir.equals(topLevelDataDir)) {
      problems.add("store.data_dir: '" + dataDir + "' differs from data_dir '" + topLevelDataDir
          + "' (its older spelling); set the data directory in one place");
    }
  }
}
