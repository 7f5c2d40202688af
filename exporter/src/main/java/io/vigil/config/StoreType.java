package io.vigil.config;

/** The store backends Vigil can open; {@code store.type} in the configuration. */
public enum StoreType {
  /** One SQLite file, {@code vigil.db}, in the data directory. */
  SQLITE,
  /** A PostgreSQL database shared by one or more replicas ({@code url}, {@code user}, {@code password_file}, {@code pool}). */
  POSTGRESQL
}
