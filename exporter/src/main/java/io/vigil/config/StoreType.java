package io.vigil.config;

/** The store backends Vigil can open; {@code store.type} in the configuration. */
public enum StoreType {
  /** One SQLite file, {@code vigil.db}, in the data directory. */
  SQLITE
}
