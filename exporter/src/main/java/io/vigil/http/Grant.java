package io.vigil.http;

import io.vigil.config.KeyRole;

/**
 * What a presented key allows: an admin key ({@code tenant} null) or a tenant's push or read key.
 * {@code keyId} is the key's SHA-256, which identifies it without revealing it.
 */
public record Grant(String keyId, String tenant, KeyRole role, String keyName) {
  public boolean admin() {
    return tenant == null;
  }

  public boolean mayRead(String account) {
    return admin() || (role == KeyRole.READ && account.equals(tenant));
  }
}
