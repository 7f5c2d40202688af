package io.vigil.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What is known about one device: its newest heartbeat and the newest event per error type.
 * {@code lastHeartbeat} is null for a device that has only sent error events so far; {@code firstHeartbeat}, the oldest
 * heartbeat it sent (where its availability is measured from), is null for it too, and for a device stored by a Vigil
 * that did not keep it.
 */
public record DeviceState(
    DeviceKey key,
    Instant lastHeartbeat,
    Duration interval,
    String product,
    String version,
    Map<DeviceError, ErrorState> errors,
    Instant lastReport,
    Instant firstHeartbeat) {

  public DeviceState {
    errors = Collections.unmodifiableMap(errors.isEmpty() ? new EnumMap<>(DeviceError.class) : new EnumMap<>(errors));
  }

  public static DeviceState empty(DeviceKey key, Instant receivedAt) {
    return new DeviceState(key, null, null, null, null, Map.of(), receivedAt, null);
  }

  public DeviceState apply(Heartbeat heartbeat, Instant receivedAt) {
    Map<DeviceError, ErrorState> next = new EnumMap<>(DeviceError.class);
    errors.forEach((error, state) -> {
      boolean clearedByThis = state.active()
          && state.clearedBy() == ClearedBy.HEARTBEAT
          && heartbeat.at().isAfter(state.at());
      next.put(error, clearedByThis ? new ErrorState(false, heartbeat.at(), "cleared by heartbeat", ClearedBy.HEARTBEAT) : state);
    });
    return new DeviceState(
        key,
        JobState.latest(lastHeartbeat, heartbeat.at()),
        heartbeat.interval() != null ? heartbeat.interval() : interval,
        heartbeat.product() != null ? heartbeat.product() : product,
        heartbeat.version() != null ? heartbeat.version() : version,
        next,
        JobState.latest(lastReport, receivedAt),
        lastHeartbeat == null || firstHeartbeat != null && heartbeat.at().isBefore(firstHeartbeat) ? heartbeat.at() : firstHeartbeat);
  }

  /** Applies an event unless a newer event for the same error was already applied. */
  public DeviceState apply(ErrorEvent event, Instant receivedAt) {
    ErrorState current = errors.get(event.error());
    Map<DeviceError, ErrorState> next = new EnumMap<>(DeviceError.class);
    next.putAll(errors);
    if (current == null || !event.at().isBefore(current.at())) {
      next.put(event.error(), new ErrorState(event.raised(), event.at(), event.message(), event.clearedBy()));
    }
    return new DeviceState(key, lastHeartbeat, interval, product, version, next, JobState.latest(lastReport, receivedAt),
        firstHeartbeat);
  }

  public boolean active(DeviceError error) {
    ErrorState state = errors.get(error);
    return state != null && state.active();
  }
}
