package io.vigil.http;

/** The key an endpoint takes. */
enum Access {
  /** None: anyone may call it. */
  NONE,
  /** A tenant's push key; the tenant is the key's. */
  PUSH,
  /** Any valid key at the door; the tenant in the path then takes its read key or an admin key ({@link TenantRouter}). */
  READ,
  /** An admin key. */
  ADMIN
}
