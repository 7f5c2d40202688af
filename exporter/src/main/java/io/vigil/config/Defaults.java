package io.vigil.config;

/** Fleet-wide defaults; a tenant may override grace and heartbeat interval, a job may report its own grace. */
public record Defaults(Long graceSeconds, Long heartbeatIntervalSeconds, Integer retireAfterDays, Integer historyDays) {
  public Defaults {
    graceSeconds = graceSeconds != null ? graceSeconds : 86_400L;
    heartbeatIntervalSeconds = heartbeatIntervalSeconds != null ? heartbeatIntervalSeconds : 60L;
    retireAfterDays = retireAfterDays != null ? retireAfterDays : 30;
    historyDays = historyDays != null ? historyDays : 400;
  }

  public static Defaults standard() {
    return new Defaults(null, null, null, null);
  }
}
