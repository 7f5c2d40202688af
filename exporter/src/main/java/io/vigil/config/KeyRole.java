package io.vigil.config;

/** What a tenant key may do: push reports, or read the tenant's metrics. */
public enum KeyRole {
  PUSH, READ
}
