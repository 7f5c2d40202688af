package io.vigil.config;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The configuration in force. Tenants, keys, defaults and limits can be reloaded from the file
 * without a restart (SIGHUP or the admin endpoint), and the TLS certificate files are re-read; listen
 * address, data directory, server bounds and whether TLS is on cannot.
 */
public final class LiveConfig {
  private final Path file;
  private final ConfigLoader loader;
  private final List<Consumer<VigilConfig>> listeners = new CopyOnWriteArrayList<>();
  private volatile VigilConfig current;

  /** {@code file} is null for a configuration built in code (the demo); reloading then keeps it. */
  public LiveConfig(VigilConfig initial, Path file) {
    this(initial, file, new ConfigLoader());
  }

  /** {@code loader} reads the file on reload and judges its certificate by its clock. */
  public LiveConfig(VigilConfig initial, Path file, ConfigLoader loader) {
    this.current = initial;
    this.file = file;
    this.loader = loader;
  }

  public VigilConfig current() {
    return current;
  }

  /** The entity limits of a tenant in the configuration in force. */
  public EntityLimits entityLimitsFor(String account) {
    return current.entityLimitsFor(account);
  }

  public void onChange(Consumer<VigilConfig> listener) {
    listeners.add(listener);
  }

  /** Re-reads the file; on any problem the configuration in force stays as it is. */
  public synchronized VigilConfig reload() throws ConfigException {
    if (file != null) {
      VigilConfig loaded = loader.load(file);
      current = loaded.withListenAndDataDir(current.listen(), null).withServerOf(current).withStoreOf(current);
      listeners.forEach(listener -> listener.accept(current));
    }
    return current;
  }
}
