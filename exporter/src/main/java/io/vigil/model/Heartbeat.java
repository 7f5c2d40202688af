package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A device's sign of life at {@code at} (the time the agent sent it, or when the exporter received
 * it). {@code interval} is null when the device does not declare one.
 */
public record Heartbeat(DeviceKey key, Instant at, Duration interval, String product, String version) implements Report {
  @Override
  public String tenant() {
    return key().tenant();
  }

  @Override
  public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
    return visitor.heartbeat(this);
  }
}
