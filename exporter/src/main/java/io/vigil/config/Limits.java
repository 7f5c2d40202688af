package io.vigil.config;

/**
 * Bounds on what a push may contain, and on how often one key may call: {@code requestsPerSecondPerKey}
 * with bursts of {@code burstPerKey} (absent: no limit); and how many jobs, devices and image chains one
 * tenant may have (a tenant's own {@code limits} override these).
 */
public record Limits(Integer maxBodyBytes, Integer maxBatchItems, Integer maxNameLength, Integer maxMessageLength,
    Double requestsPerSecondPerKey, Integer burstPerKey, Integer maxJobsPerTenant, Integer maxDevicesPerTenant,
    Integer maxChainsPerTenant) {
  public Limits {
    maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : 1_048_576;
    maxBatchItems = maxBatchItems != null ? maxBatchItems : 1_000;
    maxNameLength = maxNameLength != null ? maxNameLength : 128;
    maxMessageLength = maxMessageLength != null ? maxMessageLength : 1_024;
    if (burstPerKey == null && requestsPerSecondPerKey != null) {
      burstPerKey = (int) Math.max(1, Math.ceil(requestsPerSecondPerKey * 2));
    }
    maxJobsPerTenant = maxJobsPerTenant != null ? maxJobsPerTenant : 20_000;
    maxDevicesPerTenant = maxDevicesPerTenant != null ? maxDevicesPerTenant : 5_000;
    maxChainsPerTenant = maxChainsPerTenant != null ? maxChainsPerTenant : 20_000;
  }

  /** Push bounds and rate limit, with the standard per-tenant entity limits. */
  public Limits(Integer maxBodyBytes, Integer maxBatchItems, Integer maxNameLength, Integer maxMessageLength,
      Double requestsPerSecondPerKey, Integer burstPerKey) {
    this(maxBodyBytes, maxBatchItems, maxNameLength, maxMessageLength, requestsPerSecondPerKey, burstPerKey, null, null, null);
  }

  public static Limits standard() {
    return new Limits(null, null, null, null, null, null, null, null, null);
  }
}
