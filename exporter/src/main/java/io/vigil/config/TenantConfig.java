package io.vigil.config;

import java.util.List;
import java.util.Optional;

/**
 * An MSP or reseller: its account id (the {@code tenant} label), display name, overrides, keys, and
 * the image-backup connectors it polls, with folder settings and customer quotas for them.
 * {@code chainGraceSeconds} is the default monitoring priority of its image chains (else its
 * {@code graceSeconds}, else the fleet default). {@code limits} (may be null) overrides the fleet-wide
 * entity limits for this tenant. {@code timeZone} (default UTC) is the tenant's wall clock: its schedules'
 * unless they name their own, and its nights ({@code history}); {@code schedules} says which runs its jobs are
 * expected to make. {@code reports}: its digest, monthly reports and branding ({@link TenantReports}).
 * {@code mail}: the addresses it takes notification mails on, and its parsing rules.
 */
public record TenantConfig(String account, String name, Long graceSeconds, Long heartbeatIntervalSeconds, List<KeyConfig> keys,
    List<ConnectorConfig> connectors, Long chainGraceSeconds, List<FolderConfig> folders, List<CustomerConfig> customers,
    EntityLimits limits, String timeZone, HistoryConfig history, SchedulesConfig schedules, TenantReports reports,
    TenantMail mail) {
  public TenantConfig {
    reports = reports != null ? reports : TenantReports.standard();
    name = name != null ? name : account;
    timeZone = timeZone != null ? timeZone : "UTC";
    history = history != null ? history : HistoryConfig.standard();
    schedules = schedules != null ? schedules : SchedulesConfig.none();
    keys = keys != null ? List.copyOf(keys) : List.of();
    connectors = connectors != null ? List.copyOf(connectors) : List.of();
    folders = folders != null ? List.copyOf(folders) : List.of();
    customers = customers != null ? List.copyOf(customers) : List.of();
    mail = mail != null ? mail : new TenantMail(null, null);
  }

  /** A tenant with the standard report settings. */
  public TenantConfig(String account, String name, Long graceSeconds, Long heartbeatIntervalSeconds, List<KeyConfig> keys,
      List<ConnectorConfig> connectors, Long chainGraceSeconds, List<FolderConfig> folders, List<CustomerConfig> customers,
      EntityLimits limits, String timeZone, HistoryConfig history, SchedulesConfig schedules) {
    this(account, name, graceSeconds, heartbeatIntervalSeconds, keys, connectors, chainGraceSeconds, folders, customers, limits, timeZone,
        history, schedules, null, null);
  }

  /** A tenant in UTC without schedules, with the standard report settings. */
  public TenantConfig(String account, String name, Long graceSeconds, Long heartbeatIntervalSeconds, List<KeyConfig> keys,
      List<ConnectorConfig> connectors, Long chainGraceSeconds, List<FolderConfig> folders, List<CustomerConfig> customers,
      EntityLimits limits) {
    this(account, name, graceSeconds, heartbeatIntervalSeconds, keys, connectors, chainGraceSeconds, folders, customers, limits, null,
        null, null, null, null);
  }

  /** A tenant with the fleet-wide entity limits. */
  public TenantConfig(String account, String name, Long graceSeconds, Long heartbeatIntervalSeconds, List<KeyConfig> keys,
      List<ConnectorConfig> connectors, Long chainGraceSeconds, List<FolderConfig> folders, List<CustomerConfig> customers) {
    this(account, name, graceSeconds, heartbeatIntervalSeconds, keys, connectors, chainGraceSeconds, folders, customers, null);
  }

  /** A tenant without connectors. */
  public TenantConfig(String account, String name, Long graceSeconds, Long heartbeatIntervalSeconds, List<KeyConfig> keys) {
    this(account, name, graceSeconds, heartbeatIntervalSeconds, keys, null, null, null, null);
  }

  public TenantConfig withConnectors(List<ConnectorConfig> newConnectors, List<FolderConfig> newFolders) {
    return new TenantConfig(account, name, graceSeconds, heartbeatIntervalSeconds, keys, newConnectors, chainGraceSeconds, newFolders,
        customers, limits, timeZone, history, schedules, reports, mail);
  }

  public TenantConfig withReports(TenantReports newReports) {
    return new TenantConfig(account, name, graceSeconds, heartbeatIntervalSeconds, keys, connectors, chainGraceSeconds, folders,
        customers, limits, timeZone, history, schedules, newReports, mail);
  }

  public TenantConfig withMail(TenantMail newMail) {
    return new TenantConfig(account, name, graceSeconds, heartbeatIntervalSeconds, keys, connectors, chainGraceSeconds, folders,
        customers, limits, timeZone, history, schedules, reports, newMail);
  }

  /** The explicit setting for a folder ({@code CUSTOMER/FOLDER} on that connector), if any. */
  public Optional<FolderConfig> folder(String connector, String path) {
    for (FolderConfig folder : folders) {
      if (folder.connector().equals(connector) && folder.folder().equals(path)) {
        return Optional.of(folder);
      }
    }
    return Optional.empty();
  }

  public Optional<Long> quotaBytes(String customer) {
    return customers.stream().filter(c -> c.customer().equals(customer)).map(CustomerConfig::quotaBytes).findFirst();
  }
}
