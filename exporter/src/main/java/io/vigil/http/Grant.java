package io.vigil.http;

import io.vigil.config.KeyRole;

/** What a presented key allows: an admin key ({@code tenant} null) or a tenant's push or read key. */
public record Grant(String tenant, KeyRole role, String keyName) {
  public boolean admin() {
    return tenant == null;
  }

  public boolean mayRead(String account) {
    return admin() || (role == KeyRole.READ && account.equals(tenant));
  }
}
