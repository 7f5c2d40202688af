package io.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects the measurements and writes them as Markdown and JSON. */
final class Report {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<String> ingestRows = new ArrayList<>();
  private final List<String> scrapeRows = new ArrayList<>();
  private final List<String> jfrRows = new ArrayList<>();
  private ConsoleBench.Result console;
  private final Map<String, Object> machine = new LinkedHashMap<>();
  final Ceilings ceilings = new Ceilings();

  void machine(FleetModel fleet, ChainModel chains, Map<String, String> opts) throws Exception {
    machine.put("nproc", Runtime.getRuntime().availableProcessors());
    String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", "");
    machine.put("mem_total_bytes", Long.parseLong(mem) * 1024);
    machine.put("java_version", Main.exec(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").trim());
    machine.put("started", Instant.now().toString());
    machine.put("fleet", Map.of("tenants", fleet.tenants(), "customers", fleet.customers(), "jobs", fleet.jobs(), "devices",
        fleet.devices(), "connectors", chains.connectors(), "chains", chains.chains()));
    machine.put("options", new LinkedHashMap<>(opts));
  }

  void put(String key, Object value) {
    values.put(key, value);
  }

  void ingest(String key, String label, int workers, Load.Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workers", workers);
    m.put("requests", o.requests());
    m.put("acknowledged", o.acknowledged());
    m.put("errors", o.errorCount());
    m.put("error_causes", o.errors());
    m.put("events", o.events());
    m.put("seconds", o.seconds());
    m.put("requests_per_second", o.requestsPerSecond());
    m.put("events_per_second", o.eventsPerSecond());
    m.put("p50_ms", o.percentileMillis(0.50));
    m.put("p99_ms", o.percentileMillis(0.99));
    m.put("max_ms", o.percentileMillis(1.0));
    values.put(key, m);
    ingestRows.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %.1f |", label, workers,
        o.acknowledged(), o.errorCount(), o.requestsPerSecond(), o.eventsPerSecond(), o.percentileMillis(0.5),
        o.percentileMillis(0.99), o.percentileMillis(1.0), o.seconds()));
    System.out.printf(Locale.ROOT, "  %s: %d acknowledged, %d errors %s, %.0f req/s, %.0f events/s, p50 %.1f ms, p99 %.1f ms%n", key,
        o.acknowledged(), o.errorCount(), o.errors().isEmpty() ? "" : o.errors(), o.requestsPerSecond(), o.eventsPerSecond(),
        o.percentileMillis(0.5), o.percentileMillis(0.99));
  }

  /** A second replica's convergence after acknowledgements by the first (PostgreSQL store). */
  void convergence(Convergence.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", r.convergenceMillis().size());
    m.put("p50_ms", r.percentile(r.convergenceMillis(), 0.5));
    m.put("p99_ms", r.percentile(r.convergenceMillis(), 0.99));
    m.put("max_ms", r.percentile(r.convergenceMillis(), 1.0));
    m.put("probe_scrape_p50_ms", r.percentile(r.probeScrapeMillis(), 0.5));
    m.put("not_converged_within_10s", r.notConverged());
    values.put("postgres_replica_convergence", m);
  }

  void scrape(String key, String label, double best, double median, long bytes) {
    values.put(key, Map.of("best_seconds", best, "median_seconds", median, "bytes", bytes));
    scrapeRows.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %,d |", label, best, median, bytes));
  }

  void console(ConsoleBench.Result result) {
    console = result;
    values.put("console_overview", result.json());
  }

  private String[] consoleTarget() {
    double p95 = console.worstP95();
    return target("console overview p95 (worst page kind)", "< 200 ms", String.format(Locale.ROOT, "%.1f ms", p95),
        p95 < ConsoleBench.TARGET_P95_MS, p95 / ConsoleBench.TARGET_P95_MS);
  }

  private String consoleMarkdown() {
    String[] t = consoleTarget();
    return "\n## Console overview (issue 17)\n\nSigned in through the sign-in form; one request at a time after 5 warm-up requests"
        + " per kind; " + console.customersPerTenant() + " customers per tenant, " + console.pagesOfTenant() + " pages of 50.\n\n"
        + console.markdown() + "\nTarget: console overview p95 < 200 ms: measured " + t[2] + " (worst kind), "
        + (Boolean.parseBoolean(t[3]) ? "met" : "**not met**") + ".\n";
  }

  /** The {@code console} mode's own files, {@code console.md} and {@code console.json}. */
  void writeConsole(Path dir) throws Exception {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine);
    json.put("results", values);
    Files.writeString(dir.resolve("console.json"), Json.write(json) + "\n");
    StringBuilder md = new StringBuilder("# Vigil console overview benchmark\n\n");
    md.append("Machine: ").append(machine.get("nproc")).append(" CPUs; started ").append(machine.get("started"))
        .append(". Load generator and exporter share the machine.\n\nFleet: ").append(machine.get("fleet")).append(".\n\n");
    md.append("| phase | workers | acknowledged (200) | errors | requests/s | events/s | p50 ms | p99 ms | max ms | seconds |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    ingestRows.forEach(r -> md.append(r).append('\n'));
    md.append(consoleMarkdown());
    Files.writeString(dir.resolve("console.md"), md.toString());
  }

  /** Top frames of the JFR execution samples, overall and the topmost io.vigil frame of each sample. */
  void jfr(Path file) throws Exception {
    if (!Files.exists(file)) {
      jfrRows.add("(no JFR recording)");
      return;
    }
    String jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr").toString();
    Path out = file.resolveSibling("samples.txt");
    new ProcessBuilder(jfrTool, "print", "--events", "jdk.ExecutionSample", file.toString()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start().waitFor();
    Map<String, Integer> top = new HashMap<>();
    Map<String, Integer> vigil = new HashMap<>();
    int samples = 0;
    boolean inStack = false;
    boolean first = false;
    boolean vigilSeen = false;
    try (var lines = Files.lines(out, StandardCharsets.UTF_8)) {
      for (String raw : (Iterable<String>) lines::iterator) {
        String line = raw.trim();
        if (line.startsWith("stackTrace = [")) {
          inStack = true;
          first = true;
          vigilSeen = false;
          samples++;
        } else if (inStack && line.startsWith("]")) {
          inStack = false;
        } else if (inStack && !line.equals("...")) {
          String frame = line.replaceAll("\\s+line:.*", "");
          if (first) {
            top.merge(frame, 1, Integer::sum);
            first = false;
          }
          if (!vigilSeen && frame.startsWith("io.vigil.")) {
            vigil.merge(frame, 1, Integer::sum);
            vigilSeen = true;
          }
        }
      }
    }
    values.put("jfr_execution_samples", samples);
    jfrRows.add("Execution samples: " + samples + " (`jfr print --events jdk.ExecutionSample`, exporter during ingest and scrapes)");
    jfrRows.add("");
    jfrRows.add("| top frame | samples | share |");
    jfrRows.add("|---|---|---|");
    topOf(top, samples).forEach(jfrRows::add);
    jfrRows.add("");
    jfrRows.add("| innermost io.vigil frame on the stack | samples | share |");
    jfrRows.add("|---|---|---|");
    topOf(vigil, samples).forEach(jfrRows::add);
    values.put("jfr_top_frames", top.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
  }

  private static List<String> topOf(Map<String, Integer> counts, int samples) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
        .map(e -> String.format(Locale.ROOT, "| `%s` | %d | %.1f%% |", e.getKey().replace("|", "\\|"), e.getValue(),
            100.0 * e.getValue() / Math.max(1, samples)))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private double num(String key, String field) {
    Object v = values.get(key);
    if (v instanceof Map<?, ?> m) {
      v = ((Map<String, Object>) m).get(field);
    }
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private double orZero(String key) {
    double v = num(key, null);
    return Double.isNaN(v) ? 0 : v;
  }

  void write(Path dir) throws Exception {
    Files.createDirectories(dir);
    Map<String, Object> ratios = new LinkedHashMap<>();
    double devices = num("devices", null);
    for (String pg : List.of("pushgateway", "pushgateway_nocheck")) {
      double groups = num(pg + "_groups_loaded", null);
      String vs = "_vigil_over_" + pg;
      ratios.put("groups_loaded_" + pg, groups / devices);
      ratios.put("scrape_seconds" + vs, num("vigil_text", "best_seconds") / num(pg + "_text", "best_seconds"));
      ratios.put("scrape_bytes" + vs, num("vigil_text", "bytes") / num(pg + "_text", "bytes"));
      // per device: each scrape without its connector part (Vigil: the connector families; Pushgateway: its
      // scrape with only the chain groups), so a Pushgateway that holds only some devices still compares
      ratios.put("scrape_bytes_per_device" + vs, ((num("vigil_text", "bytes") - orZero("vigil_chain_text_bytes")) / devices)
          / ((num(pg + "_text", "bytes") - orZero(pg + "_chain_text_bytes")) / groups));
      ratios.put("scrape_gzip_bytes_per_device" + vs,
          ((num("vigil_text_gzip", "bytes") - orZero("vigil_chain_text_gzip_bytes")) / devices)
          / ((num(pg + "_text_gzip", "bytes") - orZero(pg + "_chain_text_gzip_bytes")) / groups));
      ratios.put("scrape_chain_bytes" + vs, num("vigil_chain_text_bytes", null) / num(pg + "_chain_text_bytes", null));
      ratios.put("scrape_chain_gzip_bytes" + vs, num("vigil_chain_text_gzip_bytes", null) / num(pg + "_chain_text_gzip_bytes", null));
      ratios.put("rss" + vs, num("vigil_rss_bytes_after_scrapes", null) / num(pg + "_rss_bytes", null));
      ratios.put("ingest_events_per_second_batched" + vs, num("batched_round2", "events_per_second") / num(pg, "events_per_second"));
      ratios.put("ingest_events_per_second_single" + vs, num("single", "events_per_second") / num(pg, "events_per_second"));
    }
    values.put("ratios", ratios);

    List<String[]> targets = new ArrayList<>();
    double single = num("single", "requests_per_second");
    double batched = Math.max(num("batched_round1", "events_per_second"), num("batched_round2", "events_per_second"));
    double p99 = Math.max(num("single", "p99_ms"), num("batched_round2", "p99_ms"));
    double scrape = num("vigil_text", "best_seconds");
    double bytesRatio = (double) ratios.get("scrape_bytes_per_device_vigil_over_pushgateway_nocheck");
    double perEntity = num("vigil_heap_bytes_per_entity", null);
    double restart = num("restart_to_ready_seconds", null);
    targets.add(target("single pushes/s", ">= 20,000", fmt(single), single >= 20_000, single / 20_000));
    targets.add(target("batched events/s", ">= 200,000", fmt(batched), batched >= 200_000, batched / 200_000));
    targets.add(target("p99 latency (worst of single, batched)", "< 50 ms", String.format(Locale.ROOT, "%.1f ms", p99), p99 < 50,
        p99 / 50));
    targets.add(target("full scrape (text, no gzip)", "< 1.5 s", String.format(Locale.ROOT, "%.2f s", scrape), scrape < 1.5,
        scrape / 1.5));
    targets.add(target("full scrape bytes per device vs Pushgateway (text)", "<= 2x", String.format(Locale.ROOT, "%.2fx", bytesRatio), bytesRatio <= 2,
        bytesRatio / 2));
    targets.add(target("heap per job/device/chain", "<= 1 KiB", String.format(Locale.ROOT, "%.0f B", perEntity), perEntity <= 1024,
        perEntity / 1024));
    targets.add(target("restart to ready", "< 5 s", String.format(Locale.ROOT, "%.2f s", restart), restart < 5, restart / 5));
    if (console != null) {
      targets.add(consoleTarget());
    }
    List<Map<String, Object>> targetJson = new ArrayList<>();
    for (String[] t : targets) {
      targetJson.add(Map.of("target", t[0], "goal", t[1], "measured", t[2], "met", Boolean.parseBoolean(t[3]), "ratio_to_goal",
          Double.parseDouble(t[4])));
    }
    values.put("targets", targetJson);
    if (ceilings.measured()) {
      values.put("ceilings", ceilings.json());
    }

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine);
    json.put("results", values);
    Files.writeString(dir.resolve("latest.json"), Json.write(json) + "\n");

    StringBuilder md = new StringBuilder();
    md.append("# Vigil fleet benchmark\n\n");
    md.append("Machine: ").append(machine.get("nproc")).append(" CPUs, ")
        .append(String.format(Locale.ROOT, "%.1f GiB", ((Long) machine.get("mem_total_bytes")) / (1024.0 * 1024 * 1024)))
        .append(" memory, ").append(((String) machine.get("java_version")).lines().findFirst().orElse("")).append(" (")
        .append(((String) machine.get("java_version")).lines().skip(2).findFirst().orElse("").trim()).append("); started ")
        .append(machine.get("started")).append(". Load generator, exporter and Pushgateway share the machine.\n\n");
    md.append("Fleet: ").append(machine.get("fleet")).append("; options ").append(machine.get("options")).append(".\n\n");
    md.append("## Targets\n\n| target | goal | measured | met | measured / goal |\n|---|---|---|---|---|\n");
    for (String[] t : targets) {
      md.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" | ")
          .append(Boolean.parseBoolean(t[3]) ? "yes" : "**no**").append(" | ").append(String.format(Locale.ROOT, "%.2f", Double.parseDouble(t[4])))
          .append(" |\n");
    }
    md.append("\n## Push ingest (durability on: every 200 is committed to SQLite, synchronous=FULL; rows \"PostgreSQL store\": to"
        + " PostgreSQL, fsync on)\n\n");
    md.append("| phase | workers | acknowledged (200) | errors | requests/s | events/s | p50 ms | p99 ms | max ms | seconds |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    ingestRows.forEach(r -> md.append(r).append('\n'));
    if (ceilings.measured()) {
      md.append(ceilings.markdown());
    }
    md.append("\n## Scrapes (best and median of ").append(machine.get("options") instanceof Map<?, ?> o ? o.get("scrape-reps") : "")
        .append(", after one warm-up)\n\n| endpoint | best s | median s | bytes |\n|---|---|---|---|\n");
    scrapeRows.forEach(r -> md.append(r).append('\n'));
    if (console != null) {
      md.append(consoleMarkdown());
    }
    md.append("\n## Memory, restart, connectors\n\n| measure | value |\n|---|---|\n");
    for (String k : List.of("vigil_heap_used_after_full_gc_bytes", "vigil_heap_bytes_per_entity", "vigil_rss_bytes_after_scrapes",
        "vigil_rss_bytes_after_full_gc", "pushgateway_rss_bytes", "pushgateway_nocheck_rss_bytes", "pushgateway_groups_loaded",
        "pushgateway_nocheck_groups_loaded", "pushgateway_chunk_puts_per_second", "pushgateway_nocheck_chunk_puts_per_second",
        "startup_empty_seconds", "restart_to_ready_seconds", "restart_loaded", "chains", "chains_exported_after_start_seconds",
        "chains_exported_after_start_ready_seconds", "chains_polled_after_start_seconds", "chains_exported_after_restart_seconds",
        "chains_exported_after_restart_ready_seconds", "chains_polled_after_restart_seconds", "vigil_chain_series", "vigil_chain_text_bytes", "vigil_chain_text_gzip_bytes",
        "pushgateway_chain_text_bytes", "pushgateway_chain_text_gzip_bytes", "pushgateway_nocheck_chain_text_bytes",
        "pushgateway_nocheck_chain_text_gzip_bytes", "vigil_poll_requests",
        "vigil_poll_duration_seconds_newest_median", "vigil_poll_duration_seconds_newest_max")) {
      Object v = values.get(k);
      if (v instanceof List<?> l) {
        v = l.stream().map(x -> String.format(Locale.ROOT, "%.0f", (Double) x)).collect(Collectors.joining(", "));
      }
      md.append("| ").append(k).append(" | ").append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
          : v instanceof Long l && k.contains("bytes") ? String.format(Locale.ROOT, "%,d (%.1f MiB)", l, l / 1048576.0) : String.valueOf(v))
          .append(" |\n");
    }
    if (values.containsKey("postgres_version")) {
      md.append("\n## Replicas over PostgreSQL (").append(values.get("postgres_version")).append(", same machine)\n\n")
          .append("| measure | value |\n|---|---|\n");
      for (String k : List.of("postgres_startup_empty_seconds", "postgres_chains_exported_after_start_seconds",
          "postgres_second_replica_start_to_ready_seconds")) {
        md.append("| ").append(k).append(" | ").append(values.get(k) instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
            : String.valueOf(values.get(k))).append(" |\n");
      }
      if (values.get("postgres_replica_convergence") instanceof Map<?, ?> c) {
        md.append(String.format(Locale.ROOT, "| second replica shows a push acknowledged by the first: p50 / p99 / max"
            + " (%s samples; each includes one probe scrape, p50 %.1f ms) | %.1f / %.1f / %.1f ms |\n", c.get("samples"),
            (Double) c.get("probe_scrape_p50_ms"), (Double) c.get("p50_ms"), (Double) c.get("p99_ms"), (Double) c.get("max_ms")));
        md.append("| samples not shown within 10 s | ").append(c.get("not_converged_within_10s")).append(" |\n");
      }
    }
    md.append("\n## Vigil / Pushgateway\n\n| ratio | value |\n|---|---|\n");
    ratios.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(String.format(Locale.ROOT, "%.2f", (Double) v)).append(" |\n"));
    md.append("\n## Where the exporter's CPU went (JFR)\n\n");
    jfrRows.forEach(r -> md.append(r).append('\n'));
    Files.writeString(dir.resolve("latest.md"), md.toString());
  }

  private static String[] target(String name, String goal, String measured, boolean met, double ratio) {
    return new String[] {name, goal, measured, Boolean.toString(met), Double.toString(ratio)};
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** The few JSON shapes the report needs: maps, lists, strings, numbers, booleans. */
  static final class Json {
    static String write(Object v) {
      if (v == null) {
        return "null";
      }
      if (v instanceof Map<?, ?> m) {
        return m.entrySet().stream().map(e -> write(String.valueOf(e.getKey())) + ": " + write(e.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
      }
      if (v instanceof List<?> l) {
        return l.stream().map(Json::write).collect(Collectors.joining(", ", "[", "]"));
      }
      if (v instanceof Double d) {
        return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.6g", d);
      }
      if (v instanceof Number || v instanceof Boolean) {
        return v.toString();
      }
      StringBuilder s = new StringBuilder("\"");
      for (char c : v.toString().toCharArray()) {
        switch (c) {
          case '"' -> s.append("\\\"");
          case '\\' -> s.append("\\\\");
          case '\n' -> s.append("\\n");
          default -> s.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
      }
      return s.append('"').toString();
    }
  }
}
