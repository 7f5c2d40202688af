package io.vigil.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.poll.PollResult;
import io.vigil.push.PushKind;
import io.vigil.state.Recorder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The exporter's own health: push requests by kind and result and their durations, connector polls by result,
 * retirements, store commit durations and write failures, build info.
 */
public final class SelfMetrics {
  /** From 100 us: a commit of a few pushes on a fast disk; to 10 s: one that waits for a stalled disk. */
  private static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
      2.5, 5, 10};

  /** The tenant label of requests without a valid tenant key: no account is empty, so it cannot clash with one. */
  public static final String NO_TENANT = "";

  private final Counter pushes;
  private final Counter retired;
  private final Counter polls;
  private final Histogram pushSeconds;
  private final PrometheusRegistry registry;

  public SelfMetrics(PrometheusRegistry registry, String version, Recorder recorder) {
    this.registry = registry;
    pushes = Counter.builder().name("vigil_push_requests_total")
        .help("Push API requests by tenant (of the key; empty without a valid key), kind ("
            + Arrays.stream(PushKind.values()).map(PushKind::label).collect(Collectors.joining(", ")) + ") and result.")
        .labelNames("tenant", "kind", "result").register(registry);
    retired = Counter.builder().name("vigil_retired_total")
        .help("Jobs and devices removed from the current state, by kind and reason (api, inactive).")
        .labelNames("kind", "reason").register(registry);
    for (PushKind kind : PushKind.values()) {
      for (String result : new String[] {"accepted", "rejected", "unauthorized", "rate_limited", "timeout", "unavailable"}) {
        pushes.labelValues(NO_TENANT, kind.label(), result);
      }
    }
    polls = Counter.builder().name("vigil_poll_requests_total")
        .help("Connector polls by result (ok, not_modified, timeout, error, unauthorized, http_error, malformed, oversized).")
        .labelNames("result").register(registry);
    for (PollResult result : PollResult.values()) {
      polls.labelValues(result.label());
    }
    for (String kind : new String[] {"job", "device"}) {
      retired.labelValues(kind, "api");
      retired.labelValues(kind, "inactive");
    }
    pushSeconds = Histogram.builder().name("vigil_push_request_duration_seconds")
        .help("Time of each push request that reached its handler with a body, by kind: from the handler's start (the"
            + " body read) to its answer, which waits for the store's commit.")
        .unit(Unit.SECONDS).classicOnly().classicUpperBounds(BUCKETS).labelNames("kind").register(registry);
    Histogram commits = Histogram.builder().name("vigil_store_commit_duration_seconds")
        .help("Time of each group commit of the store's writer that succeeded, from the start of its transaction to the end"
            + " of the commit (on SQLite with the WAL's fsync).")
        .unit(Unit.SECONDS).classicOnly().classicUpperBounds(BUCKETS).register(registry);
    recorder.observeCommits(commits::observe);
    CounterWithCallback.builder().name("vigil_store_write_failures_total")
        .help("Store commits that failed (disk full, read-only, I/O error); every push in them was answered 503.")
        .callback(callback -> callback.call(recorder.failedCommits())).register(registry);
    registerHealth(registry, version, recorder);
  }

  /**
   * vigil_build_info and vigil_store_healthy, on /metrics and on each per-tenant scrape (so VigilExporterAbsent
   * and VigilStoreFailing work for a Prometheus that scrapes only /tenants/ACCOUNT/metrics).
   */
  public static void registerHealth(PrometheusRegistry registry, String version, Recorder recorder) {
    GaugeWithCallback.builder().name("vigil_store_healthy")
        .help("1 while writes can succeed; 0 from a failed commit until one succeeds again, and while the writer is"
            + " stopped, the store file was deleted or replaced, or (PostgreSQL) the database is unreachable or this"
            + " replica has not caught up with the others.")
        .callback(callback -> callback.call(recorder.healthy() ? 1 : 0)).register(registry);
    Info.builder().name("vigil_build_info").help("Vigil exporter build.").labelNames("version").register(registry)
        .addLabelValues(version);
  }

  /** {@code tenant} is a configured tenant's account, or empty when the request had no valid tenant key. */
  public void push(PushKind kind, String tenant, String result) {
    pushes.labelValues(tenant, kind.label(), result).inc();
  }

  public void pushDuration(PushKind kind, double seconds) {
    pushSeconds.labelValues(kind.label()).observe(seconds);
  }

  /** Exports when the served TLS certificate expires, read at each scrape; no sample over plain HTTP. */
  public void tlsCertificate(Supplier<Optional<Instant>> notAfter) {
    GaugeWithCallback.builder().name("vigil_tls_certificate_expiry_timestamp_seconds")
        .help("End of validity (notAfter) of the TLS certificate the exporter presents to new connections.")
        .callback(callback -> notAfter.get().ifPresent(at -> callback.call(at.getEpochSecond()))).register(registry);
  }

  public void poll(PollResult result) {
    polls.labelValues(result.label()).inc();
  }

  public void retired(int jobs, int devices, String reason) {
    retired.labelValues("job", reason).inc(jobs);
    retired.labelValues("device", reason).inc(devices);
  }
}
