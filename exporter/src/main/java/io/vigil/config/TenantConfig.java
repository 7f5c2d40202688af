package io.vigil.config;

import java.util.List;

/** An MSP or reseller: its account id (the {@code tenant} label), display name, overrides and keys. */
public record TenantConfig(String account, String name, Long graceSeconds, Long heartbeatIntervalSeconds, List<KeyConfig> keys) {
  public TenantConfig {
    name = name != null ? name : account;
    keys = keys != null ? List.copyOf(keys) : List.of();
  }
}
