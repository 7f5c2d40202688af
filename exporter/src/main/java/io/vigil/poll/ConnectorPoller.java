package io.vigil.poll;

import io.vigil.config.ConnectorConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every configured connector on one scheduler. Each connector has its own schedule: a first
 * poll within {@link #STARTUP_SPREAD} (spread at random), then every {@code interval_seconds} with
 * ±10 % jitter, never two polls of one connector at once. {@link #update} follows configuration
 * changes (added, removed and changed connectors) without a restart. Results go to
 * {@link ConnectorStates}; scrapes read only that. Over a store shared by replicas only one of them polls at a time
 * ({@link PollSharing}).
 */
public final class ConnectorPoller implements AutoCloseable {
  static final Duration STARTUP_SPREAD = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(ConnectorPoller.class);

  private final ConnectorClient client;
  private final ConnectorStates states;
  private final Clock clock;
  private final Consumer<PollResult> onResult;
  private final PollSharing sharing;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Map<ConnectorKey, Schedule> schedules = new ConcurrentHashMap<>();

  /**
   * {@code onResult} hears of every poll (the self-metric); {@code threads} bounds polls in flight; {@code sharing}
   * says whether this replica polls now and keeps what it found for the others.
   */
  public ConnectorPoller(ConnectorClient client, ConnectorStates states, Clock clock, Consumer<PollResult> onResult, int threads,
      PollSharing sharing) {
    this.client = client;
    this.states = states;
    this.clock = clock;
    this.onResult = onResult;
    this.sharing = sharing;
    this.scheduler = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new Thread(r, "vigil-poll");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** Schedules new connectors, reschedules changed ones, stops and forgets removed ones. */
  public synchronized void update(VigilConfig config) {
    Map<ConnectorKey, ConnectorConfig> wanted = new HashMap<>();
    for (TenantConfig tenant : config.tenants()) {
      tenant.connectors().forEach(c -> wanted.put(new ConnectorKey(tenant.account(), c.name()), c));
    }
    for (Map.Entry<ConnectorKey, Schedule> entry : List.copyOf(schedules.entrySet())) {
      ConnectorConfig now = wanted.get(entry.getKey());
      if (now == null) {
        entry.getValue().cancel();
        schedules.remove(entry.getKey());
        states.forget(entry.getKey());
        log.info("connector {} of tenant {} removed", entry.getKey().connector(), entry.getKey().tenant());
      } else if (!now.equals(entry.getValue().config)) {
        entry.getValue().cancel(); // the last good data stays until the new schedule's first poll
        schedules.remove(entry.getKey());
      }
    }
    wanted.forEach((key, connector) -> schedules.computeIfAbsent(key, k -> {
      Schedule schedule = new Schedule(k, connector);
      schedule.next(Duration.ofMillis(ThreadLocalRandom.current().nextLong(
          Math.max(1, Math.min(connector.interval().toMillis(), STARTUP_SPREAD.toMillis())))));
      return schedule;
    }));
  }

  /**
   * Polls every connector now, in the calling thread, one after the other (each bounded by its
   * timeout), and starts each one's interval afresh. The demo uses it before its first scrape.
   */
  public void pollNow() {
    for (Schedule schedule : List.copyOf(schedules.values())) {
      schedule.pollNow();
    }
  }

  @Override
  public void close() {
    schedules.values().forEach(Schedule::cancel);
    scheduler.shutdownNow();
  }

  /** One connector's chain of polls. A generation number retires stale timers after pollNow or cancel. */
  private final class Schedule {
    final ConnectorKey key;
    final ConnectorConfig config;
    private final ReentrantLock polling = new ReentrantLock();
    private ScheduledFuture<?> timer;
    private long generation;
    private boolean cancelled;

    Schedule(ConnectorKey key, ConnectorConfig config) {
      this.key = key;
      this.config = config;
    }

    synchronized void next(Duration delay) {
      if (cancelled || scheduler.isShutdown()) {
        return;
      }
      long mine = ++generation;
      timer = scheduler.schedule(() -> fire(mine), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire(long mine) {
      synchronized (this) {
        if (cancelled || mine != generation) {
          return;
        }
      }
      poll();
      next(jittered(config.interval()));
    }

    void pollNow() {
      synchronized (this) {
        generation++;
        if (timer != null) {
          timer.cancel(false);
        }
      }
      poll();
      next(jittered(config.interval()));
    }

    synchronized void cancel() {
      cancelled = true;
      if (timer != null) {
        timer.cancel(false);
      }
    }

    private void poll() {
      if (!sharing.polls()) {
        return; // another replica polls now; what it finds arrives through the store
      }
      polling.lock();
      try {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        String etag = states.lastGood(key).map(ConnectorStates.LastGood::etag).orElse(null);
        Fetch fetch = client.fetch(config, etag);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        synchronized (this) {
          if (cancelled) {
            return; // removed or replaced meanwhile: write nothing for it
          }
          boolean wasUp = states.status(key).map(ConnectorStates.Status::up).orElse(true);
          ConnectorStates.Status status = states.record(key, fetch, started, took);
          sharing.share(new PolledConnector(key, status, fetch.result() == PollResult.OK ? states.lastGood(key).orElse(null) : null));
          if (wasUp && !fetch.result().up()) {
            log.warn("connector {} of tenant {} is down: {} ({}); its last good data stays exported", key.connector(), key.tenant(),
                fetch.result().label(), fetch.detail());
          } else if (!wasUp && fetch.result().up()) {
            log.info("connector {} of tenant {} is up again", key.connector(), key.tenant());
          }
        }
        onResult.accept(fetch.result());
      } catch (RuntimeException e) {
        log.error("polling connector {} of tenant {} failed unexpectedly", key.connector(), key.tenant(), e);
      } finally {
        polling.unlock();
      }
    }
  }

  private static Duration jittered(Duration interval) {
    double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
    return Duration.ofMillis(Math.max(1000, (long) (interval.toMillis() * factor)));
  }
}
