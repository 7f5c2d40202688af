package io.vigil.push;

import io.vigil.model.DeviceKey;

/** A request to retire a job, or a device with all its jobs when {@code job} is null; names as sent. */
public record Retirement(String customer, String device, String job) {
  /** The device in the tenant, named as it is kept. */
  public DeviceKey deviceIn(String tenant) {
    return new DeviceKey(tenant, Names.normalize(customer), Names.normalize(device));
  }

  /** The job as it is kept; null to retire the whole device. */
  public String normalizedJob() {
    return job == null ? null : Names.normalize(job);
  }
}
