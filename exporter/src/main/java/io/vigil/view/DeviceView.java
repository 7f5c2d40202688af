package io.vigil.view;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import java.time.Duration;

/**
 * A device at one moment: its stored facts, the heartbeat interval that applies to it (declared by the
 * device, else its tenant's) and what {@link io.vigil.model.StatusRules} derive from them then. A device that
 * has only sent error events has no heartbeat: {@code sinceHeartbeat} is null and {@code up} false.
 */
public record DeviceView(DeviceState state, Duration interval, Duration sinceHeartbeat, boolean up) {
  public DeviceKey key() {
    return state.key();
  }

  public boolean heartbeating() {
    return state.lastHeartbeat() != null;
  }
}
