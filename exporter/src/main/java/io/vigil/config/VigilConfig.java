package io.vigil.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file. {@code listen} and {@code dataDir} may be overridden on the command line.
 * {@code tls} (may be null: plain HTTP) makes the exporter serve HTTPS only. {@code server} bounds connections.
 * {@code smtp} is the listener for notification mails (off unless it has a listen address; {@link MailListenerConfig}).
 * {@code store} says which store to open; its data directory and {@code dataDir} (the older spelling) are the same
 * unless the file gives two different ones, which {@link ConfigLoader} refuses. {@code reports} says how reports are
 * mailed ({@link ReportsConfig}).
 */
public record VigilConfig(
    String listen, String dataDir, List<KeyConfig> adminKeys, Defaults defaults, Limits limits, List<TenantConfig> tenants,
    TlsConfig tls, ServerConfig server, StoreConfig store, ReportsConfig reports, MailListenerConfig smtp) {

  public VigilConfig {
    reports = reports != null ? reports : ReportsConfig.standard();
    listen = listen != null ? listen : "0.0.0.0:9877";
    StoreConfig given = store != null ? store : StoreConfig.standard();
    dataDir = dataDir != null ? dataDir : given.dataDir() != null ? given.dataDir() : "data";
    store = given.dataDir() != null ? given : given.withDataDir(dataDir);
    adminKeys = adminKeys != null ? List.copyOf(adminKeys) : List.of();
    defaults = defaults != null ? defaults : Defaults.standard();
    limits = limits != null ? limits : Limits.standard();
    tenants = tenants != null ? List.copyOf(tenants) : List.of();
    server = server != null ? server : ServerConfig.standard();
    smtp = smtp != null ? smtp : MailListenerConfig.off();
  }

  /** A configuration without the SMTP listener. */
  public VigilConfig(
      String listen, String dataDir, List<KeyConfig> adminKeys, Defaults defaults, Limits limits, List<TenantConfig> tenants,
      TlsConfig tls, ServerConfig server, StoreConfig store, ReportsConfig reports) {
    this(listen, dataDir, adminKeys, defaults, limits, tenants, tls, server, store, reports, null);
  }

  /** A configuration with the standard report delivery (no relay) and without the SMTP listener. */
  public VigilConfig(
      String listen, String dataDir, List<KeyConfig> adminKeys, Defaults defaults, Limits limits, List<TenantConfig> tenants,
      TlsConfig tls, ServerConfig server, StoreConfig store) {
    this(listen, dataDir, adminKeys, defaults, limits, tenants, tls, server, store, null, null);
  }

  /** A configuration with the standard store, SQLite in {@code dataDir}. */
  public VigilConfig(
      String listen, String dataDir, List<KeyConfig> adminKeys, Defaults defaults, Limits limits, List<TenantConfig> tenants,
      TlsConfig tls, ServerConfig server) {
    this(listen, dataDir, adminKeys, defaults, limits, tenants, tls, server, null);
  }

  /** A configuration with the standard server bounds. */
  public VigilConfig(
      String listen, String dataDir, List<KeyConfig> adminKeys, Defaults defaults, Limits limits, List<TenantConfig> tenants,
      TlsConfig tls) {
    this(listen, dataDir, adminKeys, defaults, limits, tenants, tls, null);
  }

  /** A configuration served over plain HTTP. */
  public VigilConfig(
      String listen, String dataDir, List<KeyConfig> adminKeys, Defaults defaults, Limits limits, List<TenantConfig> tenants) {
    this(listen, dataDir, adminKeys, defaults, limits, tenants, null);
  }

  /** This configuration with the SMTP listener's settings replaced (the command line's --smtp-listen, the demo's). */
  public VigilConfig withSmtp(MailListenerConfig newSmtp) {
    return new VigilConfig(listen, dataDir, adminKeys, defaults, limits, tenants, tls, server, store, reports, newSmtp);
  }

  /** This configuration with other tenants (the demo adds its mail address to one). */
  public VigilConfig withTenants(List<TenantConfig> newTenants) {
    return new VigilConfig(listen, dataDir, adminKeys, defaults, limits, newTenants, tls, server, store, reports, smtp);
  }

  public Optional<TenantConfig> tenant(String account) {
    // A loop, not a stream: asked for on every push and many times for each report.
    for (TenantConfig tenant : tenants) {
      if (tenant.account().equals(account)) {
        return Optional.of(tenant);
      }
    }
    return Optional.empty();
  }

  public Duration graceFor(String account) {
    Long own = tenant(account).map(TenantConfig::graceSeconds).orElse(null);
    return Duration.ofSeconds(own != null ? own : defaults.graceSeconds());
  }

  /** Default monitoring priority of a tenant's image chains: its chain grace, else its grace, else the default grace. */
  public Duration chainGraceFor(String account) {
    Long own = tenant(account).map(TenantConfig::chainGraceSeconds).orElse(null);
    return own != null ? Duration.ofSeconds(own) : graceFor(account);
  }

  /** The tenant's entity limits: its own where it sets them, else the fleet-wide ones. */
  public EntityLimits entityLimitsFor(String account) {
    EntityLimits own = tenant(account).map(TenantConfig::limits).orElse(null);
    return new EntityLimits(
        own != null && own.maxJobs() != null ? own.maxJobs() : limits.maxJobsPerTenant(),
        own != null && own.maxDevices() != null ? own.maxDevices() : limits.maxDevicesPerTenant(),
        own != null && own.maxChains() != null ? own.maxChains() : limits.maxChainsPerTenant());
  }

  /** The tenant's time zone (UTC for a tenant that is not configured). */
  public ZoneId timeZoneFor(String account) {
    return ZoneId.of(tenant(account).map(TenantConfig::timeZone).orElse("UTC"));
  }

  public HistoryConfig historyFor(String account) {
    return tenant(account).map(TenantConfig::history).orElse(HistoryConfig.standard());
  }

  /** The tenant's report settings, the standard ones (nothing mailed) when it gives none. */
  public TenantReports reportsFor(String account) {
    return tenant(account).map(TenantConfig::reports).orElse(TenantReports.standard());
  }

  public Duration heartbeatIntervalFor(String account) {
    Long own = tenant(account).map(TenantConfig::heartbeatIntervalSeconds).orElse(null);
    return Duration.ofSeconds(own != null ? own : defaults.heartbeatIntervalSeconds());
  }

  /** The command line's listen address and data directory (the store's, whichever spelling the file used), when given. */
  public VigilConfig withListenAndDataDir(String newListen, String newDataDir) {
    return new VigilConfig(
        newListen != null ? newListen : listen, newDataDir != null ? newDataDir : dataDir, adminKeys, defaults, limits, tenants, tls,
        server, newDataDir != null ? store.withDataDir(newDataDir) : store, reports, smtp);
  }

  /** This configuration with the server bounds and SMTP listener of {@code running}, which only a restart changes. */
  public VigilConfig withServerOf(VigilConfig running) {
    return new VigilConfig(listen, dataDir, adminKeys, defaults, limits, tenants, tls, running.server(), store, reports, running.smtp());
  }

  /** This configuration with the store of {@code running}, which only a restart changes. */
  public VigilConfig withStoreOf(VigilConfig running) {
    return new VigilConfig(listen, running.dataDir(), adminKeys, defaults, limits, tenants, tls, server, running.store(), reports, smtp);
  }
}
