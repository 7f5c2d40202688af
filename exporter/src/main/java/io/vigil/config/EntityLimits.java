package io.vigil.config;

import io.vigil.model.EntityKind;

/**
 * How many jobs, devices and image chains one tenant may have. As a tenant's {@code limits} each value
 * may be absent (the fleet-wide {@code limits.max_*_per_tenant} applies); as resolved by
 * {@link VigilConfig#entityLimitsFor} none is.
 */
public record EntityLimits(Integer maxJobs, Integer maxDevices, Integer maxChains) {
  public int of(EntityKind kind) {
    return switch (kind) {
      case JOB -> maxJobs;
      case DEVICE -> maxDevices;
      case CHAIN -> maxChains;
    };
  }
}
