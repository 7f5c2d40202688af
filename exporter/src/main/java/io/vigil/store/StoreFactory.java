package io.vigil.store;

import io.vigil.config.StoreConfig;
import java.nio.file.Path;

/**
 * Opens the store the configuration's {@code store:} section names. The switch has no default: a new
 * {@link io.vigil.config.StoreType} does not compile until it is opened here.
 */
public final class StoreFactory {
  private StoreFactory() {}

  public static Store open(StoreConfig config) throws StoreException {
    return switch (config.type()) {
      case SQLITE -> SqliteStore.open(Path.of(config.dataDir()));
      case POSTGRESQL -> PostgresStore.open(config);
    };
  }
}
