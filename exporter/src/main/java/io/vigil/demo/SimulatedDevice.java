package io.vigil.demo;

import io.vigil.model.DeviceError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One simulated site server (a video recorder): heartbeats, and perhaps an active error. */
final class SimulatedDevice {
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  /** The back-dated heartbeats: two days of them, this far apart (and declaring it), with a gap of an hour. */
  private static final Duration HISTORY = Duration.ofDays(2);
  private static final Duration HISTORY_INTERVAL = Duration.ofMinutes(10);
  /** The newest back-dated heartbeat is this old. */
  private static final Duration HISTORY_END = Duration.ofMinutes(20);
  private static final Duration GAP = Duration.ofHours(1);
  /** The gap starts this long after the newest finished night did. */
  private static final Duration GAP_AFTER_NIGHT_START = Duration.ofHours(1);

  private final String tenant;
  private final String customer;
  private final String device;
  private final boolean offline;
  private final DeviceError error;
  private Instant nextHeartbeat;

  SimulatedDevice(String tenant, String customer, String device, boolean offline, DeviceError error, Instant now) {
    this.tenant = tenant;
    this.customer = customer;
    this.device = device;
    this.offline = offline;
    this.error = error;
    this.nextHeartbeat = now.plus(INTERVAL);
  }

  String tenant() {
    return tenant;
  }

  /**
   * Two days of heartbeats with an hour without any early in the newest finished night (which starts
   * {@code lastNightStart}), so the report of that night's month (the one served by default) has an outage to show, of
   * half an hour: an hour less three intervals; then a heartbeat now (a quarter of an hour ago for the one that went
   * offline), and its error events.
   */
  List<Map<String, Object>> history(Instant now, Instant lastNightStart) {
    List<Map<String, Object>> items = new ArrayList<>();
    Instant gapFrom = null;
    for (Instant at = now.minus(HISTORY); !at.isAfter(now.minus(HISTORY_END)); at = at.plus(HISTORY_INTERVAL)) {
      if (gapFrom == null && at.plus(HISTORY_INTERVAL).isAfter(lastNightStart.plus(GAP_AFTER_NIGHT_START))) {
        gapFrom = at;
      }
      if (gapFrom == null || at.equals(gapFrom) || !at.isBefore(gapFrom.plus(GAP))) {
        items.add(heartbeat(at, HISTORY_INTERVAL));
      }
    }
    items.add(heartbeat(offline ? now.minus(Duration.ofMinutes(15)) : now, INTERVAL));
    if (error != null) {
      items.add(event(DeviceError.DISK_FULL == error ? DeviceError.ARCHIVE_FAILED : DeviceError.OTHER, "raised",
          now.minus(Duration.ofDays(2)), "Transient fault"));
      items.add(event(DeviceError.DISK_FULL == error ? DeviceError.ARCHIVE_FAILED : DeviceError.OTHER, "cleared",
          now.minus(Duration.ofDays(1)), "Recovered"));
      items.add(event(error, "raised", now.minus(Duration.ofMinutes(45)), switch (error) {
        case DISK_FULL -> "Recording disk D: is full (0 bytes free)";
        case CAMERA_UNREACHABLE -> "Camera 'Lobby PTZ' does not answer";
        case LICENSE_EXCEEDED -> "34 cameras connected, 32 licensed";
        default -> "Error";
      }));
    }
    return items;
  }

  List<Map<String, Object>> due(Instant now) {
    if (offline || now.isBefore(nextHeartbeat)) {
      return List.of();
    }
    nextHeartbeat = now.plus(INTERVAL);
    return List.of(heartbeat(now, INTERVAL));
  }

  private Map<String, Object> heartbeat(Instant at, Duration interval) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "heartbeat");
    item.put("customer", customer);
    item.put("device", device);
    item.put("at", at.toString());
    item.put("interval_seconds", interval.toSeconds());
    item.put("product", "SiteRecorder");
    item.put("version", "2024 R2");
    return item;
  }

  private Map<String, Object> event(DeviceError kind, String state, Instant at, String message) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "event");
    item.put("customer", customer);
    item.put("device", device);
    item.put("error", kind.label());
    item.put("state", state);
    item.put("at", at.toString());
    item.put("message", message);
    return item;
  }
}
