package io.vigil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingest set against what bounds it, all from one run: the machine's HTTP ceiling (wrk on {@code /-/healthy}), the
 * Pushgateway without its consistency check (in memory, nothing on disk) under the same tool, and SQLite itself (the
 * same rows by a minimal JDBC loop, {@link RawSqlite}). Issue 21's targets are checked against the loop that writes into
 * a copy of the exporter's store ({@link #rawIntoStore}): the exporter writes into tables that already hold the fleet
 * and its history, where each row lands on a page of its own, and the loop into a fresh file (the first rows) does not
 * do that work.
 */
final class Ceilings {
  Wrk.Result http;
  Wrk.Result single;
  Wrk.Result batched;
  Wrk.Result pushgateway;
  RawSqlite.Result rawBatched;
  RawSqlite.Result rawSingle;
  RawSqlite.Result rawRunsOnly;
  RawSqlite.Result rawIntoStore;
  int uniqueBatches;

  boolean measured() {
    return http != null;
  }

  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Wrk.Result r : wrkResults()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("connections", r.connections());
      m.put("requests", r.requests());
      m.put("not_ok", r.notOk());
      m.put("socket_errors", r.socketErrors());
      m.put("seconds", r.seconds());
      m.put("requests_per_second", r.requestsPerSecond());
      m.put("items_per_second", r.eventsPerSecond());
      m.put("p50_ms", r.p50Millis());
      m.put("p99_ms", r.p99Millis());
      m.put("cpu_us_per_item", r.cpuMicrosPerItem());
      json.put(r.label(), m);
    }
    for (RawSqlite.Result r : rawResults()) {
      json.put(r.label(), Map.of("items", r.items(), "rows", r.rows(), "seconds", r.seconds(), "items_per_second", r.itemsPerSecond(),
          "cpu_us_per_item", r.cpuMicrosPerItem(), "commits", r.commitMillis().length,
          "p99_ms_with_batch_connections_in_flight", r.queuedP99Millis(batched.connections())));
    }
    json.put("unique_batches", uniqueBatches);
    json.put("targets", targets().stream().map(t -> Map.of("target", t[0], "measured", t[1], "met", t[2].equals("yes"), "bound", t[3]))
        .toList());
    return json;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("\n## Against the ceilings (issue 21: wrk for the exporter, its HTTP ceiling and the Pushgateway, same run)\n\n");
    md.append("wrk 2 threads; CPU per item is the process's user+system time over the phase (`/proc/PID/stat`) per item sent;"
        + " for raw SQLite the loop thread's CPU time.\n\n");
    md.append("| phase | connections | requests/s | items/s | p50 ms | p99 ms | not 2xx | socket errors | CPU us/item | / HTTP ceiling |"
        + " / Pushgateway (wrk) | CPU / raw SQLite |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Wrk.Result r : wrkResults()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.2f | %.2f | %d | %d | %.1f | %.2f | %.2f | %s |%n",
          r.label(), r.connections(), r.requestsPerSecond(), r.eventsPerSecond(), r.p50Millis(), r.p99Millis(), r.notOk(), r.socketErrors(),
          r.cpuMicrosPerItem(), r.requestsPerSecond() / http.requestsPerSecond(),
          r.requestsPerSecond() / pushgateway.requestsPerSecond(),
          r == single || r == batched ? String.format(Locale.ROOT, "%.2f", r.cpuMicrosPerItem() / rawIntoStore.cpuMicrosPerItem()) : "-"));
    }
    for (RawSqlite.Result r : rawResults()) {
      md.append(String.format(Locale.ROOT, "| %s (%,d items, %,d rows) | 1 | - | %,.0f | - | - | - | - |"
          + " %.1f | - | - | %.2f |%n", r.label(), r.items(), r.rows(), r.itemsPerSecond(), r.cpuMicrosPerItem(),
          r.cpuMicrosPerItem() / rawIntoStore.cpuMicrosPerItem()));
    }
    md.append(String.format(Locale.ROOT, "%nCPU / raw SQLite is against the loop into a copy of the exporter's store (%s): the"
        + " exporter writes into tables that already hold the fleet and its history; the loops into a fresh file are the"
        + " same rows into empty tables.%n", rawIntoStore.label()));
    md.append(String.format(Locale.ROOT, "%nCPU per item by thread of the exporter, us: single pushes %s; batches %s; HTTP ceiling %s.%n",
        single.cpuByThread(), batched.cpuByThread(), http.cpuByThread()));
    if (batched.requests() > uniqueBatches) {
      md.append(String.format(Locale.ROOT, "%nThe batched phase sent %,d batches of %,d prepared ones: the rest were re-sends, whose job"
          + " reports are duplicates (acknowledged, not stored again).%n", batched.requests(), uniqueBatches));
    }
    md.append("\n| issue 21 target | measured | met | what bounds it (same run) |\n|---|---|---|---|\n");
    targets().forEach(t -> md.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" | ").append(t[3])
        .append(" |\n"));
    return md.toString();
  }

  private List<Wrk.Result> wrkResults() {
    return List.of(http, single, batched, pushgateway);
  }

  private List<RawSqlite.Result> rawResults() {
    return List.of(rawIntoStore, rawBatched, rawRunsOnly, rawSingle);
  }

  private List<String[]> targets() {
    List<String[]> t = new ArrayList<>();
    double vsPg = single.requestsPerSecond() / pushgateway.requestsPerSecond();
    double vsHttp = single.requestsPerSecond() / http.requestsPerSecond();
    RawSqlite.Result raw = rawIntoStore;
    double cpu = Math.max(single.cpuMicrosPerItem(), batched.cpuMicrosPerItem()) / raw.cpuMicrosPerItem();
    // With the CPU the exporter spends at its HTTP ceiling, a push costing a bare request plus the raw loop's insert would reach this share.
    double requestPlusInsert = http.cpuMicrosPerItem() / (http.cpuMicrosPerItem() + raw.cpuMicrosPerItem());
    double littleMillis = batched.connections() * batched.itemsPerRequest() / raw.itemsPerSecond() * 1e3;
    t.add(row("durable single pushes >= 1.0x the Pushgateway --push.disable-consistency-check", String.format(Locale.ROOT, "%.2fx", vsPg),
        vsPg >= 1.0, "-"));
    t.add(row("durable single pushes >= 50 % of the HTTP ceiling", String.format(Locale.ROOT, "%.0f %%", 100 * vsHttp), vsHttp >= 0.5,
        String.format(Locale.ROOT, "a bare request (%.1f us CPU) plus the raw loop's insert (%.1f us) at the ceiling's CPU: %.0f %% of it",
            http.cpuMicrosPerItem(), raw.cpuMicrosPerItem(), 100 * requestPlusInsert)));
    t.add(row("batched ingest >= 150,000 events/s", String.format(Locale.ROOT, "%,.0f", batched.eventsPerSecond()),
        batched.eventsPerSecond() >= 150_000, String.format(Locale.ROOT, "one writer: the raw loop stores %,.0f items/s with the same rows"
            + " into the same tables (%.2fx of Vigil); into empty ones %,.0f, %,.0f with the run rows alone", raw.itemsPerSecond(),
            raw.itemsPerSecond() / batched.eventsPerSecond(), rawBatched.itemsPerSecond(), rawRunsOnly.itemsPerSecond())));
    t.add(row("batched p99 < 100 ms per batch", String.format(Locale.ROOT, "%.1f ms", batched.p99Millis()), batched.p99Millis() < 100,
        String.format(Locale.ROOT, "the raw loop's commits of %d items into the same tables, %d in flight as the connections keep them:"
            + " p99 %.0f ms (each waits for those ahead); %.0f ms mean by Little's law at its rate", raw.itemsPerCommit(),
            batched.connections(), raw.queuedP99Millis(batched.connections()), littleMillis)));
    t.add(row("CPU per stored item within 3x of the raw-SQLite loop (worse of single, batched)", String.format(Locale.ROOT, "%.1fx", cpu),
        cpu <= 3, String.format(Locale.ROOT, "single: a bare request alone is %.1fx the raw loop's insert",
            http.cpuMicrosPerItem() / raw.cpuMicrosPerItem())));
    return t;
  }

  private static String[] row(String target, String measured, boolean met, String bound) {
    return new String[] {target, measured, met ? "yes" : "**no**", bound};
  }
}
