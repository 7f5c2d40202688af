package io.vigil.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet benchmark: starts the exporter jar and a Pushgateway as child processes, pushes the
 * simulated fleet through their HTTP APIs, scrapes both, measures memory and restart, and writes
 * {@code latest.md} and {@code latest.json}. {@code jmh ...} runs the JMH benchmarks instead.
 */
public final class Main {
  private final Map<String, String> opts = new LinkedHashMap<>();
  private final Report report = new Report();
  private final List<Process> children = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      String[] rest = new String[args.length - 1];
      System.arraycopy(args, 1, rest, 0, rest.length);
      org.openjdk.jmh.Main.main(rest);
      return;
    }
    Main main = new Main();
    main.opts.putAll(Map.of("tenants", "10", "customers", "10000", "jobs", "100000", "devices", "50000", "batch", "500",
        "workers", "32", "batch-workers", "4", "single-seconds", "30", "scrape-reps", "2", "out", "bench/results"));
    main.opts.putAll(Map.of("jar", "exporter/target/vigil-exporter.jar", "pushgateway", "prometheus-pushgateway",
        "pg-workers", "16", "pg-seconds", "90"));
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length || !main.opts.containsKey(args[i].substring(2))) {
        System.err.println("usage: [jmh JMH-ARGS] | [--OPTION VALUE]..., options and defaults: " + main.opts);
        System.exit(2);
      }
      main.opts.put(args[i].substring(2), args[++i]);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> main.children.forEach(p -> p.destroyForcibly())));
    main.run();
  }

  private int opt(String name) {
    return Integer.parseInt(opts.get(name));
  }

  private static void log(String message) {
    System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now().toString().substring(11, 19), message);
  }

  private void run() throws Exception {
    FleetModel fleet = new FleetModel(opt("tenants"), opt("customers"), opt("jobs"), opt("devices"));
    Path tmp = Files.createTempDirectory("vigil-bench-");
    Path config = tmp.resolve("bench.yml");
    Files.writeString(config, fleet.configYaml());
    Path data = tmp.resolve("data");
    Path jfr = tmp.resolve("vigil.jfr");
    report.machine(fleet, opts);
    report.put("devices", fleet.devices());
    log("fleet " + fleet + ", work dir " + tmp);

    // (1) ingest, on an empty store
    Vigil vigil = Vigil.start(opts.get("jar"), config, data, freePort(), tmp.resolve("vigil-1.log"), jfr, children);
    report.put("startup_empty_seconds", vigil.readySeconds);
    Load load = new Load(vigil.uri);
    long now = Instant.now().getEpochSecond();
    int batchSize = opt("batch");
    for (int round = 1; round <= 2; round++) {
      List<FleetModel.Batch> batches = fleet.batches(batchSize, round, now);
      log("batched round " + round + ": " + batches.size() + " batches of up to " + batchSize + " items");
      Load.Outcome o = load.run(opt("batch-workers"), batches.size(), 600, i -> {
        FleetModel.Batch b = batches.get(i);
        return new Load.Req("POST", "/api/v1/batch", fleet.pushKey(b.tenant()), "application/json", b.body(), b.items());
      });
      report.ingest("batched_round" + round, round == 1 ? "batched, " + batchSize + " items, first load (inserts)"
          : "batched, " + batchSize + " items, second round (updates)", opt("batch-workers"), o);
    }
    int jobs = fleet.jobs();
    int devices = fleet.devices();
    log("single pushes for up to " + opts.get("single-seconds") + " s with " + opts.get("workers") + " workers");
    Load.Outcome single = load.run(opt("workers"), Long.MAX_VALUE, Double.parseDouble(opts.get("single-seconds")), i -> {
      int k = i / 2;
      if (i % 2 == 0) {
        int j = k % jobs;
        return new Load.Req("POST", "/api/v1/job-reports", fleet.pushKey(fleet.tenantOfJob(j)), "application/json",
            fleet.jobReport(j, 1000 + k / jobs, now, false), 1);
      }
      int d = k % devices;
      return new Load.Req("POST", "/api/v1/heartbeats", fleet.pushKey(fleet.tenantOfDevice(d)), "application/json",
          fleet.heartbeat(d, false), 1);
    });
    report.ingest("single", "single pushes (job report / heartbeat, 1:1)", opt("workers"), single);

    // (2) scrape, (3) memory
    scrapes("vigil", load, "/metrics", FleetModel.ADMIN_KEY, true);
    scrapes("vigil_tenant", load, "/tenants/" + fleet.tenant(0) + "/metrics", fleet.readKey(0), false);
    report.put("vigil_rss_bytes_after_scrapes", rss(vigil.process.pid()));
    long heap = heapAfterFullGc(vigil.process.pid());
    report.put("vigil_heap_used_after_full_gc_bytes", heap);
    report.put("vigil_heap_bytes_per_entity", (double) heap / (jobs + devices));
    report.put("vigil_rss_bytes_after_full_gc", rss(vigil.process.pid()));
    load.close();

    // (4) restart with the full fleet's state
    log("stopping the exporter (SIGTERM) and starting it again on the same store");
    vigil.stop();
    report.jfr(jfr);
    Vigil again = Vigil.start(opts.get("jar"), config, data, freePort(), tmp.resolve("vigil-2.log"), null, children);
    report.put("restart_to_ready_seconds", again.readySeconds);
    report.put("restart_loaded", again.loadedLine());
    again.stop();

    // (5) the same state in a Pushgateway
    pushgateway("pushgateway", "Pushgateway (default flags)", fleet, now, tmp);
    pushgateway("pushgateway_nocheck", "Pushgateway --push.disable-consistency-check", fleet, now, tmp,
        "--push.disable-consistency-check");

    report.write(Path.of(opts.get("out")));
    log("wrote " + Path.of(opts.get("out")).resolve("latest.md"));
  }

  private void scrapes(String name, Load load, String path, String key, boolean all) throws Exception {
    int reps = opt("scrape-reps");
    String[][] variants = all
        ? new String[][] {{"text", "text/plain; version=0.0.4", "identity"}, {"text_gzip", "text/plain; version=0.0.4", "gzip"},
            {"openmetrics", "application/openmetrics-text; version=1.0.0", "identity"},
            {"openmetrics_gzip", "application/openmetrics-text; version=1.0.0", "gzip"}}
        : new String[][] {{"text", "text/plain; version=0.0.4", "identity"}, {"text_gzip", "text/plain; version=0.0.4", "gzip"}};
    boolean warm = false;
    for (String[] v : variants) {
      if (!warm) {
        log("scrape " + path + " (warm-up)");
        load.get(path, key, Map.of("Accept", v[1], "Accept-Encoding", v[2]));
        warm = true;
      }
      List<Double> times = new ArrayList<>();
      long bytes = 0;
      for (int r = 0; r < reps; r++) {
        long[] got = load.get(path, key, Map.of("Accept", v[1], "Accept-Encoding", v[2]));
        if (got[2] != 200) {
          throw new IllegalStateException(path + " answered " + got[2]);
        }
        times.add(got[0] / 1e9);
        bytes = got[1];
      }
      times.sort(null);
      log(String.format(Locale.ROOT, "scrape %s %s: %.3f s (best of %d), %d bytes", path, v[0], times.get(0), reps, bytes));
      report.scrape(name + "_" + v[0], path + " (" + v[0].replace('_', ' ') + ")", times.get(0), times.get(times.size() / 2), bytes);
    }
  }

  /**
   * One Pushgateway run: a group per device, pushed in ten chunks so the rate can be seen as the store
   * grows, for at most {@code pg-seconds}; then the same scrapes and its RSS.
   */
  private void pushgateway(String name, String label, FleetModel fleet, long now, Path tmp, String... extraFlags) throws Exception {
    int port = freePort();
    Path log = tmp.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(opts.get("pushgateway"), "--web.listen-address=127.0.0.1:" + port,
        "--persistence.file=" + tmp.resolve(name + ".db")));
    command.addAll(List.of(extraFlags));
    Process pg = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(pg);
    Load load = new Load(URI.create("http://127.0.0.1:" + port));
    long t0 = System.nanoTime();
    while (!ready(load)) {
      if (!pg.isAlive()) {
        throw new IllegalStateException("the Pushgateway exited: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    report.put(name + "_startup_seconds", (System.nanoTime() - t0) / 1e9);
    int devices = fleet.devices();
    int chunk = Math.max(1, (devices + 9) / 10);
    double budget = Double.parseDouble(opts.get("pg-seconds"));
    log(label + ": one PUT per device (" + devices + " groups) in chunks of " + chunk + ", for at most " + budget + " s");
    List<Load.Outcome> chunks = new ArrayList<>();
    long start = System.nanoTime();
    for (int from = 0; from < devices; from += chunk) {
      double left = budget - (System.nanoTime() - start) / 1e9;
      if (left <= 0) {
        break;
      }
      int offset = from;
      Load.Outcome o = load.run(opt("pg-workers"), Math.min(chunk, devices - from), left, i -> {
        int d = offset + i;
        return new Load.Req("PUT", "/metrics/job/vigil/device/" + fleet.device(d), null, "text/plain; version=0.0.4",
            fleet.pushgatewayGroup(d, 1, now), fleet.jobsOn(d) + 1);
      });
      log(String.format(Locale.ROOT, "  groups %d..%d: %d acknowledged, %.0f PUTs/s, p99 %.1f ms", from, from + o.requests(),
          o.acknowledged(), o.requestsPerSecond(), o.percentileMillis(0.99)));
      chunks.add(o);
    }
    Load.Outcome all = Load.Outcome.merge(chunks);
    report.ingest(name, label + ", groups acknowledged of " + devices, opt("pg-workers"), all);
    report.put(name + "_groups_loaded", all.acknowledged());
    report.put(name + "_chunk_puts_per_second", chunks.stream().map(Load.Outcome::requestsPerSecond).toList());
    scrapesPg(name, label, load);
    report.put(name + "_rss_bytes", rss(pg.pid()));
    load.close();
    pg.destroy();
    pg.waitFor(30, TimeUnit.SECONDS);
  }

  private void scrapesPg(String name, String label, Load load) throws Exception {
    int reps = opt("scrape-reps");
    load.get("/metrics", null, Map.of());
    for (String[] v : new String[][] {{"text", "identity"}, {"text_gzip", "gzip"}}) {
      List<Double> times = new ArrayList<>();
      long bytes = 0;
      for (int r = 0; r < reps; r++) {
        long[] got = load.get("/metrics", null, Map.of("Accept", "text/plain; version=0.0.4", "Accept-Encoding", v[1]));
        times.add(got[0] / 1e9);
        bytes = got[1];
      }
      times.sort(null);
      log(String.format(Locale.ROOT, "%s scrape %s: %.3f s, %d bytes", label, v[0], times.get(0), bytes));
      report.scrape(name + "_" + v[0], label + " /metrics (" + v[0].replace('_', ' ') + ")", times.get(0), times.get(times.size() / 2),
          bytes);
    }
  }

  private static boolean ready(Load load) {
    try {
      return load.get("/-/ready", null, Map.of())[2] == 200;
    } catch (Exception notYet) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** {@code jcmd PID GC.run}, then the "used" of {@code jcmd PID GC.heap_info}. */
  static long heapAfterFullGc(long pid) throws Exception {
    exec("jcmd", Long.toString(pid), "GC.run");
    String info = exec("jcmd", Long.toString(pid), "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no heap usage in: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  static String exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
