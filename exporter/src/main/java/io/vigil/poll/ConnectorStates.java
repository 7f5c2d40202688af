package io.vigil.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the polls found, per connector: the poll status and the last good inventory. The poller
 * writes; scrapes only read this memory, so they never wait for a connector. A failed poll changes
 * the status and keeps the last good inventory; only removing the connector from the configuration
 * forgets it.
 */
public final class ConnectorStates {
  /**
   * @param lastAttempt when the newest poll started
   * @param lastSuccess when a poll last got a usable answer (200 or 304), null before the first
   * @param up whether the newest poll got a usable answer
   * @param lastDuration how long the newest poll took
   */
  public record Status(Instant lastAttempt, Instant lastSuccess, boolean up, Duration lastDuration) {}

  /** The newest inventory a connector served and its ETag. */
  public record LastGood(Inventory inventory, String etag) {}

  private final Map<ConnectorKey, Status> statuses = new ConcurrentHashMap<>();
  private final Map<ConnectorKey, LastGood> lastGood = new ConcurrentHashMap<>();

  public Optional<Status> status(ConnectorKey key) {
    return Optional.ofNullable(statuses.get(key));
  }

  public Optional<LastGood> lastGood(ConnectorKey key) {
    return Optional.ofNullable(lastGood.get(key));
  }

  /** Records one poll that started at {@code at} and took {@code took}; returns the new status. */
  public Status record(ConnectorKey key, Fetch fetch, Instant at, Duration took) {
    boolean up = fetch.result().up();
    if (fetch.result() == PollResult.OK) {
      lastGood.put(key, new LastGood(fetch.inventory(), fetch.etag()));
    }
    return statuses.compute(key, (k, old) -> new Status(at, up ? at : old != null ? old.lastSuccess() : null, up, took));
  }

  /** What another replica's poll found, or what the store kept: its status, and its inventory when it brought one. */
  public void apply(PolledConnector polled) {
    statuses.put(polled.key(), polled.status());
    if (polled.lastGood() != null) {
      lastGood.put(polled.key(), polled.lastGood());
    }
  }

  void forget(ConnectorKey key) {
    statuses.remove(key);
    lastGood.remove(key);
  }
}
