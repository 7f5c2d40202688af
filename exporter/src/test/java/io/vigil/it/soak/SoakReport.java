package io.vigil.it.soak;

import io.vigil.push.PushKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The soak's numbers as a Markdown table, for the README's "Reliability and security" section. */
record SoakReport(Duration load, Duration warmUp, List<Pusher> pushers, Latencies pushLatencies, Latencies scrapeLatencies,
    Problems problems, List<FlappingConnector.Poll> polls, List<Scraper.ConnectorSeen> adminSeen, Health afterWarmUp, Health atEnd) {

  String markdown() {
    double seconds = load.toMillis() / 1000.0;
    long requests = sum(PushKind.JOB_REPORT, PushKind.HEARTBEAT, PushKind.EVENT, PushKind.BATCH);
    long items = pushers.stream().flatMap(p -> p.ackedItems.values().stream()).mapToLong(Long::longValue).sum();
    return """
        ### Soak (SoakIT): %.0f s of mixed load on the exporter jar

        | what | result |
        |---|---|
        | load | %d pushers on 2 tenants, 3 scrapers (`/metrics`, `/tenants/acme/metrics`, `/tenants/globex/metrics`, each about 1/s, text and OpenMetrics, plain and gzip), a connector polled every %s flapping up / 5xx / up / too slow / up / malformed |
        | pushes acknowledged | %,d requests (%,.0f/s): job_report %,d, heartbeat %,d, event %,d, batch %,d; %,d items (%,.0f/s) |
        | push latency | p50 %.1f ms, p99 %.1f ms |
        | scrapes | %,d; latency p50 %.1f ms, p99 %.1f ms |
        | failed requests (non-2xx, 429/503, I/O errors, unparseable) | %d |
        | connector polls answered | %s |
        | connector transitions seen by `/metrics` scrapes | up to down %d, down to up %d |
        | live heap after a full GC (warm-up %.0f s / end) | %.1f MiB / %.1f MiB (%+.2f MiB; bound +%d MiB) |
        | threads (warm-up / end) | %.0f / %.0f (bound +%d) |
        | open file descriptors (warm-up / end) | %.0f / %.0f (bound +%d) |
        | most grown classes | %s |
        """.formatted(seconds, pushers.size(), SoakIT.POLL_INTERVAL_SECONDS + " s", requests, requests / seconds,
        sum(PushKind.JOB_REPORT), sum(PushKind.HEARTBEAT), sum(PushKind.EVENT), sum(PushKind.BATCH), items, items / seconds,
        pushLatencies.millis(50), pushLatencies.millis(99), scrapeLatencies.count(), scrapeLatencies.millis(50),
        scrapeLatencies.millis(99), problems.count(), pollCounts(), transitions(true, false), transitions(false, true),
        warmUp.toSeconds() * 1.0, mib(afterWarmUp.liveHeapBytes()), mib(atEnd.liveHeapBytes()),
        mib(atEnd.liveHeapBytes() - afterWarmUp.liveHeapBytes()), SoakIT.HEAP_GROWTH_BOUND >> 20, afterWarmUp.threads(),
        atEnd.threads(), SoakIT.THREAD_SLACK, afterWarmUp.openFds(), atEnd.openFds(), SoakIT.FD_SLACK, String.join(", ", atEnd.growthSince(afterWarmUp, 3)));
  }

  private long sum(PushKind... kinds) {
    long total = 0;
    for (PushKind kind : kinds) {
      total += pushers.stream().mapToLong(p -> p.ackedRequests.getOrDefault(kind, 0L)).sum();
    }
    return total;
  }

  private String pollCounts() {
    Map<String, Long> counts = polls.stream().collect(Collectors.groupingBy(FlappingConnector.Poll::answer, TreeMap::new,
        Collectors.counting()));
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private long transitions(boolean from, boolean to) {
    long count = 0;
    for (int i = 1; i < adminSeen.size(); i++) {
      if (adminSeen.get(i - 1).up() == from && adminSeen.get(i).up() == to) {
        count++;
      }
    }
    return count;
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }
}
