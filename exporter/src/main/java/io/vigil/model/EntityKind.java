package io.vigil.model;

/** What a tenant's entity limits count; the labels are the {@code kind} label of {@code vigil_tenant_entities}. */
public enum EntityKind {
  JOB, DEVICE, CHAIN;

  public String label() {
    return name().toLowerCase();
  }
}
