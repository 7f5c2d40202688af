package io.vigil.console;

import io.vigil.model.ErrorEvent;
import io.vigil.view.DeviceView;
import java.time.Instant;
import java.util.List;

/**
 * One device: heartbeat status and timeline (the newest heartbeat, and until when that keeps it up), its
 * active errors, and its error events raised and cleared in the last days, newest first.
 */
public record DevicePage(DeviceView device, String status, String customerLink, Instant upUntil, List<ActiveError> active,
    int days, List<ErrorEvent> events) {
  public record ActiveError(String error, Instant since, String message) {}
}
