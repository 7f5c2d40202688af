package io.vigil.model;

/** What ends an active device error: an explicit "cleared" event, or the next heartbeat after it was raised. */
public enum ClearedBy {
  EVENT, HEARTBEAT;

  public String label() {
    return name().toLowerCase();
  }
}
