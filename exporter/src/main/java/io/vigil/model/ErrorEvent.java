package io.vigil.model;

import java.time.Instant;

/** An error raised or cleared on a device. */
public record ErrorEvent(DeviceKey key, DeviceError error, boolean raised, Instant at, String message, ClearedBy clearedBy) implements Report {
  @Override
  public String tenant() {
    return key().tenant();
  }

  @Override
  public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
    return visitor.errorEvent(this);
  }
}
