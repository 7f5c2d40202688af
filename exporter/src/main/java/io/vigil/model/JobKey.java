package io.vigil.model;

/** Identifies one backup job: tenant > customer > device > job. */
public record JobKey(String tenant, String customer, String device, String job) {
  public DeviceKey deviceKey() {
    return new DeviceKey(tenant, customer, device);
  }
}
