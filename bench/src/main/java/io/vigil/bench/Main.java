package io.vigil.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet benchmark: starts the exporter jar and a Pushgateway as child processes, pushes the
 * simulated fleet through their HTTP APIs, scrapes both, measures memory and restart, and writes
 * {@code latest.md} and {@code latest.json}. {@code jmh ...} runs the JMH benchmarks instead; {@code console} only the
 * batched loads and the console's overview pages ({@code console.md}, {@code console.json}).
 */
public final class Main {
  private final Map<String, String> opts = new LinkedHashMap<>();
  private final Report report = new Report();
  private final List<Process> children = new ArrayList<>();
  /** {@code console}: only the batched loads and the console's overview, written to console.md and console.json. */
  private boolean consoleOnly;
  private boolean reportsOnly;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      String[] rest = new String[args.length - 1];
      System.arraycopy(args, 1, rest, 0, rest.length);
      org.openjdk.jmh.Main.main(rest);
      return;
    }
    if (args.length > 0 && args[0].equals("scrape-cost")) {
      io.vigil.bench.jmh.ScrapeCost.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("mail")) {
      mail(args);
      return;
    }
    Main main = new Main();
    if (args.length > 0 && args[0].equals("console")) {
      main.consoleOnly = true;
      args = Arrays.copyOfRange(args, 1, args.length);
    } else if (args.length > 0 && args[0].equals("reports")) {
      main.reportsOnly = true;
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    main.opts.putAll(Map.of("tenants", "10", "customers", "10000", "jobs", "100000", "devices", "50000", "batch", "500",
        "workers", "32", "batch-workers", "4", "single-seconds", "30", "scrape-reps", "2", "out", "bench/results"));
    main.opts.putAll(Map.of("jar", "exporter/target/vigil-exporter.jar", "pushgateway", "prometheus-pushgateway",
        "pg-workers", "16", "pg-seconds", "90", "connectors", "20", "chains", "10000", "connector-interval", "30"));
    main.opts.putAll(Map.of("wrk-seconds", "10", "wrk-batch-rounds", "3", "report-workers", "1", "console-reps", "100",
        "postgres", "false", "converge-samples", "200", "push-rate", "1000", "report-format", "pdf",
        "report-rate", "0"));
    main.opts.putAll(Map.of("windows", "0", "spinners", "2", "report-share", ""));
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length || !main.opts.containsKey(args[i].substring(2))) {
        System.err.println("usage: [jmh JMH-ARGS] | [mail [MAILS [WORKERS]]] | [scrape-cost [REPS [OUT]]] | [console | reports] [--OPTION VALUE]..., options and defaults: "
            + main.opts);
        System.exit(2);
      }
      main.opts.put(args[i].substring(2), args[++i]);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> main.children.forEach(p -> p.destroyForcibly())));
    main.run();
  }

  /** {@code mail [MAILS [WORKERS]]}: notification mails against HTTP pushes of the same reports; bench/results/mail.md. */
  private static void mail(String[] args) throws Exception {
    int mails = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    List<Process> children = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> children.forEach(Process::destroyForcibly)));
    Path dir = Files.createTempDirectory("vigil-mail-bench-");
    log("mail bench: " + mails + " reports over " + workers + " connections, by mail then by HTTP push");
    String table = MailBench.run("exporter/target/vigil-exporter.jar", mails, workers, dir, children);
    Files.writeString(Path.of("bench/results/mail.md"), "# Mail ingest against HTTP push (issue 15), "
        + Instant.now().toString().substring(0, 10) + "\n\n" + table);
    System.out.print(table);
  }

  private int opt(String name) {
    return Integer.parseInt(opts.get(name));
  }

  private static void log(String message) {
    System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now().toString().substring(11, 19), message);
  }

  private void run() throws Exception {
    FleetModel fleet = new FleetModel(opt("tenants"), opt("customers"), opt("jobs"), opt("devices"));
    ChainModel chains = new ChainModel(fleet, opt("connectors"), opt("chains"));
    Path tmp = Files.createTempDirectory("vigil-bench-");
    Path config = tmp.resolve("bench.yml");
    int interval = opt("connector-interval");
    // A new backup cycle every two poll intervals: about every other poll gets a new inventory, the others 304. In the
    // reports run, one every interval: the polls that fetch and parse a new inventory are the heavy ones, and with one a
    // minute they kept in step with the pairs of 30-s windows, falling mostly in one kind (3-5x the polls' CPU there).
    SimulatedConnectors connectors = new SimulatedConnectors(chains, Duration.ofSeconds((reportsOnly ? 1L : 2L) * interval),
        Instant.now()).start();
    Files.writeString(config, fleet.configYaml(t -> chains.connectorsYaml(t, connectors::url, interval))
        + (opts.get("report-share").isEmpty() ? "" : "reports:\n  work_share: " + opts.get("report-share") + "\n"));
    Path data = tmp.resolve("data");
    Path jfr = tmp.resolve("vigil.jfr");
    report.machine(fleet, chains, opts);
    report.put("devices", fleet.devices());
    report.put("chains", chains.chains());
    log("fleet " + fleet + ", " + chains.connectors() + " connectors with " + chains.chains() + " chains, work dir " + tmp);

    // (1) chains from the connectors, then ingest, on an empty store
    Vigil vigil = Vigil.start(opts.get("jar"), config, data, freePort(), tmp.resolve("vigil-1.log"), jfr, children);
    report.put("startup_empty_seconds", vigil.readySeconds);
    Load load = new Load(vigil.uri);
    if (chains.chains() > 0) {
      double[] exported = chainsExported(load, vigil, chains.chains());
      report.put("chains_exported_after_start_seconds", exported[0]);
      report.put("chains_exported_after_start_ready_seconds", exported[0] - vigil.readySeconds);
      report.put("chains_polled_after_start_seconds", exported[1]);
      chainSeries(load);
    }
    long now = Instant.now().getEpochSecond();
    batched("", "", load, fleet, now);
    if (reportsOnly) {
      allMonthlyReports(fleet, vigil, load, now);
      vigil.stop();
      connectors.close();
      return;
    }
    log("console overview, " + opts.get("console-reps") + " requests per page kind");
    ConsoleBench.Result console = new ConsoleBench(vigil.uri).run(fleet, opt("console-reps"));
    report.console(console);
    if (consoleOnly) {
      vigil.stop();
      connectors.close();
      Path out = Path.of(opts.get("out"));
      report.writeConsole(out);
      log("wrote " + out.resolve("console.md"));
      return;
    }
    Load.Outcome single = single("", "", load, fleet, now);
    if (opt("report-workers") > 0) {
      monthlyReportsUnderPushes(fleet, vigil, load, now, single);
    }
    Wrk wrk = new Wrk(tmp, 2);
    underWrk(wrk, fleet, vigil, now);

    // (2) scrape, (3) memory
    scrapes("vigil", "", load, "/metrics", FleetModel.ADMIN_KEY, true);
    scrapes("vigil_tenant", "", load, "/tenants/" + fleet.tenant(0) + "/metrics", fleet.readKey(0), false);
    report.put("vigil_rss_bytes_after_scrapes", rss(vigil.process.pid()));
    long heap = heapAfterFullGc(vigil.process.pid());
    report.put("vigil_heap_used_after_full_gc_bytes", heap);
    report.put("vigil_heap_bytes_per_entity", (double) heap / (fleet.jobs() + fleet.devices() + chains.chains()));
    report.put("vigil_rss_bytes_after_full_gc", rss(vigil.process.pid()));
    if (chains.chains() > 0) {
      polls(load);
    }
    load.close();

    // (4) restart with the full fleet's state
    log("stopping the exporter (SIGTERM) and starting it again on the same store");
    vigil.stop();
    report.jfr(jfr);
    Vigil again = Vigil.start(opts.get("jar"), config, data, freePort(), tmp.resolve("vigil-2.log"), null, children);
    report.put("restart_to_ready_seconds", again.readySeconds);
    report.put("restart_loaded", again.loadedLine());
    if (chains.chains() > 0) {
      try (Load afterRestart = new Load(again.uri)) {
        double[] exported = chainsExported(afterRestart, again, chains.chains());
        report.put("chains_exported_after_restart_seconds", exported[0]);
        report.put("chains_exported_after_restart_ready_seconds", exported[0] - again.readySeconds);
        report.put("chains_polled_after_restart_seconds", exported[1]);
      }
    }
    again.stop();
    rawSqlite(data.resolve("vigil.db"), tmp, fleet);
    if (Boolean.parseBoolean(opts.get("postgres"))) {
      postgres(fleet, chains, connectors, tmp);
    }

    // (5) the same state in a Pushgateway
    pushgateway("pushgateway", "Pushgateway (default flags)", fleet, chains, connectors, now, tmp);
    pushgateway("pushgateway_nocheck", "Pushgateway --push.disable-consistency-check", fleet, chains, connectors, now, tmp,
        "--push.disable-consistency-check");
    pushgatewayUnderWrk(wrk, fleet, now, tmp);
    connectors.close();

    report.write(Path.of(opts.get("out")));
    log("wrote " + Path.of(opts.get("out")).resolve("latest.md"));
  }

  /** Job reports and heartbeats alternating, every job and device in turn; run ids of rounds from {@code firstRound} on. */
  private static IntFunction<Load.Req> singlePushes(FleetModel fleet, int firstRound, long now) {
    return i -> {
      int k = i / 2;
      if (i % 2 == 0) {
        int j = k % fleet.jobs();
        return new Load.Req("POST", "/api/v1/job-reports", fleet.pushKey(fleet.tenantOfJob(j)), "application/json",
            fleet.jobReport(j, firstRound + k / fleet.jobs(), now, false), 1);
      }
      int d = k % fleet.devices();
      return new Load.Req("POST", "/api/v1/heartbeats", fleet.pushKey(fleet.tenantOfDevice(d)), "application/json",
          fleet.heartbeat(d, false), 1);
    };
  }

  /**
   * Issue 14: every customer's monthly report of this month as PDF ({@code GET /tenants/T/reports/monthly}, read key,
   * {@code --report-workers} connections, customer after customer) while the same single pushes as above run again for
   * {@code --single-seconds}; the pushes' p99 set against the run without reports. The reports stop with the pushes:
   * what is not rendered by then is counted, and the time for all is extrapolated from the rate.
   */
  private void monthlyReportsUnderPushes(FleetModel fleet, Vigil vigil, Load load, long now, Load.Outcome without)
      throws Exception {
    double seconds = Double.parseDouble(opts.get("single-seconds"));
    log("monthly reports (PDF) of " + fleet.customers() + " customers with " + opts.get("report-workers")
        + " workers while single pushes run for " + seconds + " s");
    Load.Outcome[] reports = new Load.Outcome[1];
    Exception[] failed = new Exception[1];
    Thread renderer = new Thread(() -> {
      try (Load pdfs = new Load(vigil.uri)) {
        reports[0] = pdfs.run(opt("report-workers"), fleet.customers(), seconds, c -> monthlyPdf(fleet, c));
      } catch (Exception e) {
        failed[0] = e;
      }
    }, "monthly-reports");
    renderer.start();
    Load.Outcome pushes = load.run(opt("workers"), Long.MAX_VALUE, seconds, singlePushes(fleet, 2000, now));
    renderer.join();
    if (failed[0] != null) {
      throw failed[0];
    }
    report.ingest("single_with_monthly_reports", "single pushes while monthly reports render", opt("workers"), pushes);
    report.ingest("monthly_reports", "monthly reports (PDF), one per customer", opt("report-workers"), reports[0]);
    report.put("monthly_reports_rendered", reports[0].acknowledged());
    report.put("monthly_reports_all_customers_seconds_estimate", fleet.customers() / reports[0].requestsPerSecond());
    report.put("single_p99_ms_with_over_without_monthly_reports",
        pushes.percentileMillis(0.99) / without.percentileMillis(0.99));
  }

  private Load.Req monthlyPdf(FleetModel fleet, int customer) {
    int t = fleet.tenantOfCustomer(customer);
    return new Load.Req("GET", "/tenants/" + fleet.tenant(t) + "/reports/monthly?format=" + opts.get("report-format") + "&customer="
        + URLEncoder.encode(fleet.customer(customer), StandardCharsets.UTF_8), fleet.readKey(t), null, null, 1);
  }

  private static String windowP99s(List<Load.Outcome> windows) {
    return String.join(", ", windows.stream().map(w -> String.format(Locale.ROOT, "%.1f", w.percentileMillis(0.99))).toList());
  }

  /**
   * The reference for what any work at the idle CPU priority costs the pushes on this machine: {@code spinners} busy
   * loops at SCHED_IDLE and nice 19 (chrt, nice) for a window instead of the reports; an empty outcome (no report made).
   */
  private Load.Outcome idleLoops(double seconds) throws Exception {
    List<Process> loops = new ArrayList<>();
    try {
      for (int k = 0; k < opt("spinners"); k++) {
        loops.add(new ProcessBuilder("chrt", "-i", "0", "nice", "-n", "19", "sh", "-c", "while :; do :; done").start());
      }
      Thread.sleep((long) (seconds * 1000));
    } finally {
      loops.forEach(Process::destroyForcibly);
    }
    return new Load.Outcome(0, 0, 0, seconds, new long[0], Map.of());
  }

  /**
   * Issue 14: every customer's monthly PDF ({@code report-workers} connections) while single pushes arrive at the fleet's
   * normal rate ({@code push-rate} a second: 50,000 devices heartbeating each minute are 833), in windows that alternate
   * with windows of the same paced pushes alone; bench/results/monthly-reports.md.
   */
  private void allMonthlyReports(FleetModel fleet, Vigil vigil, Load load, long now) throws Exception {
    double rate = Double.parseDouble(opts.get("push-rate"));
    double seconds = Double.parseDouble(opts.get("single-seconds"));
    if (opts.get("report-format").equals("idle-loops") && opt("windows") == 0) {
      throw new IllegalArgumentException("--report-format idle-loops makes no report: give --windows N");
    }
    // The fleet was just loaded in batches: the store checkpoints them and the JIT settles first, unmeasured.
    log(String.format(Locale.ROOT, "single pushes at %.0f/s for %.0f s to settle (not counted)", rate, seconds));
    load.run(opt("workers"), Long.MAX_VALUE, seconds, singlePushes(fleet, 2500, now), rate);
    // Windows with and without reports alternate until every report is made, so both see the same drift of the store,
    // the machine and its neighbours; the pushes' latencies of each kind of window are pooled.
    List<Load.Outcome> with = new ArrayList<>();
    List<Load.Outcome> without = new ArrayList<>();
    List<Load.Outcome> made = new ArrayList<>();
    // The exporter's own time for each push and each commit, by kind of window: apart from the generator's view.
    ServerHistograms server = new ServerHistograms(vigil.uri, FleetModel.ADMIN_KEY,
        List.of("vigil_push_request_duration_seconds", "vigil_store_commit_duration_seconds"));
    Map<String, ServerHistograms.Histogram> serverWith = new TreeMap<>();
    Map<String, ServerHistograms.Histogram> serverWithout = new TreeMap<>();
    // What each thread of the exporter and of this generator got from the scheduler, by kind of window.
    long exporter = vigil.process.pid();
    long generator = ProcessHandle.current().pid();
    List<Map<String, Schedstat.Times>> threadsWith = List.of(new TreeMap<>(), new TreeMap<>());
    List<Map<String, Schedstat.Times>> threadsWithout = List.of(new TreeMap<>(), new TreeMap<>());
    int done = 0;
    int window = 0;
    try (Load pdfs = new Load(vigil.uri)) {
      while (done < fleet.customers() && (opt("windows") == 0 || window < 2 * opt("windows"))) {
        int first = done;
        Load.Outcome[] reports = new Load.Outcome[1];
        Exception[] failed = new Exception[1];
        Thread renderer = new Thread(() -> {
          try {
            if (opts.get("report-format").equals("idle-loops")) {
              reports[0] = idleLoops(seconds);
              return;
            }
            reports[0] = pdfs.run(opt("report-workers"), fleet.customers() - first, seconds, c -> monthlyPdf(fleet, first + c),
                Double.parseDouble(opts.get("report-rate")));
          } catch (Exception e) {
            failed[0] = e;
          }
        }, "monthly-reports");
        log("window " + window + ": monthly reports from customer " + first + " of " + fleet.customers() + " while pushes run");
        Map<String, ServerHistograms.Histogram> before = server.read();
        List<Map<String, Schedstat.Times>> threadsBefore = Schedstat.read(exporter, generator);
        renderer.start();
        with.add(load.run(opt("workers"), Long.MAX_VALUE, seconds, singlePushes(fleet, 3000 + 10 * window++, now), rate));
        ServerHistograms.addChange(serverWith, before, server.read());
        Schedstat.addChanges(threadsWith, threadsBefore, Schedstat.read(exporter, generator));
        renderer.join();
        if (failed[0] != null) {
          throw failed[0];
        }
        made.add(reports[0]);
        done += (int) reports[0].requests();
        log(String.format(Locale.ROOT, "  pushes p99 %.1f ms beside %d reports", with.get(with.size() - 1).percentileMillis(0.99),
            reports[0].requests()));
        log("window " + window + ": pushes alone");
        before = server.read();
        threadsBefore = Schedstat.read(exporter, generator);
        without.add(load.run(opt("workers"), Long.MAX_VALUE, seconds, singlePushes(fleet, 3000 + 10 * window++, now), rate));
        ServerHistograms.addChange(serverWithout, before, server.read());
        Schedstat.addChanges(threadsWithout, threadsBefore, Schedstat.read(exporter, generator));
        log(String.format(Locale.ROOT, "  pushes p99 %.1f ms alone", without.get(without.size() - 1).percentileMillis(0.99)));
      }
    }
    Load.Outcome beside = Load.Outcome.merge(with);
    Load.Outcome alone = Load.Outcome.merge(without);
    Load.Outcome rendered = Load.Outcome.merge(made);
    double normal = alone.percentileMillis(0.99);
    StringBuilder md = new StringBuilder("# Every customer's monthly report beside pushes at the fleet's rate (issue 14), ")
        .append(Instant.now().toString(), 0, 10).append("\n\n`bash bench/run.sh reports` (fleet ").append(fleet)
        .append("; single pushes paced at ").append(opts.get("push-rate")).append("/s over ").append(opts.get("workers"))
        .append(" connections, latency counted from when each was due; PDFs over ").append(opts.get("report-workers"))
        .append(" connection(s)). After the fleet's load, ").append(opts.get("single-seconds"))
        .append(" s of the same pushes settle the store and the JIT, not counted; then windows of as many seconds with and without")
        .append(" the reports alternate ").append(opt("windows") > 0 ? opt("windows") + " times" : "until every customer's report is made")
        .append(", and each kind's push latencies are pooled.")
        .append(" Load generator and exporter share the machine.\n\n")
        .append("| phase | requests | acknowledged | errors | per second | p50 ms | p99 ms | max ms | seconds |\n|---|---|---|---|---|---|---|---|---|\n");
    String besideWhat = opts.get("report-format").equals("idle-loops")
        ? opts.get("spinners") + " busy loops at the idle CPU priority (no report)" : "the reports";
    for (Object[] row : List.of(new Object[] {"single pushes, " + with.size() + " windows with " + besideWhat, beside},
        new Object[] {"single pushes, " + without.size() + " windows without", alone},
        new Object[] {"monthly reports (" + opts.get("report-format").toUpperCase(Locale.ROOT) + "), every customer", rendered})) {
      Load.Outcome o = (Load.Outcome) row[1];
      md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,.1f | %.1f | %.1f | %.1f | %.0f |%n", row[0], o.requests(), o.acknowledged(),
          o.errorCount(), o.requestsPerSecond(), o.percentileMillis(0.5), o.percentileMillis(0.99), o.percentileMillis(1.0), o.seconds()));
    }
    double ratio = beside.percentileMillis(0.99) / normal;
    md.append(String.format(Locale.ROOT, "%nPush p99 with the reports / without: %.2fx; %,d of %,d customers' reports made in %.0f s"
        + " of report windows; the exporter's reports.work_share %s.%n", ratio, rendered.acknowledged(), fleet.customers(),
        rendered.seconds(), opts.get("report-share").isEmpty() ? "at its default" : opts.get("report-share")));
    md.append("\nEach window's push p99, ms, in order: with the reports ").append(windowP99s(with)).append("; without ")
        .append(windowP99s(without)).append(".\n");
    md.append("\nThe exporter's own histograms over the same windows (from its /metrics at each window's start and end; p99 and"
        + " p99.9 interpolated within buckets as histogram_quantile does):\n\n| histogram | windows | observations | mean ms | p99 ms"
        + " | p99.9 ms |\n|---|---|---|---|---|---|\n");
    for (String key : serverWith.keySet()) {
      for (Object[] row : List.of(new Object[] {"with the reports", serverWith.get(key)},
          new Object[] {"without", serverWithout.get(key)})) {
        ServerHistograms.Histogram h = (ServerHistograms.Histogram) row[1];
        if (h != null && h.count() > 0) {
          md.append("| `").append(key).append("` | ").append(row[0]).append(" | ").append(h.describe()).append(" |\n");
        }
      }
    }
    double windowSeconds = beside.seconds();
    md.append("\nWhat the threads got from the scheduler (/proc/PID/task/TID/schedstat; with the reports / without; threads that"
        + " ran at least 0.2 % of the time; % of one CPU over the windows of each kind):\n\n| process | threads | on a CPU % | waiting"
        + " for one % | wait per slice us |\n|---|---|---|---|---|\n")
        .append(Schedstat.rows("exporter", threadsWith.get(0), threadsWithout.get(0), windowSeconds))
        .append(Schedstat.rows("generator", threadsWith.get(1), threadsWithout.get(1), windowSeconds));
    Path out = Path.of(opts.get("out")).resolve("monthly-reports.md");
    Files.writeString(out, md);
    System.out.print(md);
  }

  /**
   * The push ingest phases against one exporter: the fleet as batches (a first load, then a second round of updates), then
   * single pushes for {@code single-seconds}; the report's keys and labels get {@code key} and {@code label} in front.
   */
  /** The whole fleet as batches, twice: a first load that creates every job and device, then updates. */
  private void batched(String key, String label, Load load, FleetModel fleet, long now) throws Exception {
    int batchSize = opt("batch");
    for (int round = 1; round <= 2; round++) {
      List<FleetModel.Batch> batches = fleet.batches(batchSize, round, now);
      log(label + "batched round " + round + ": " + batches.size() + " batches of up to " + batchSize + " items");
      Load.Outcome o = load.run(opt("batch-workers"), batches.size(), 600, i -> {
        FleetModel.Batch b = batches.get(i);
        return new Load.Req("POST", "/api/v1/batch", fleet.pushKey(b.tenant()), "application/json", b.body(), b.items());
      });
      report.ingest(key + "batched_round" + round, label + (round == 1 ? "batched, " + batchSize + " items, first load (inserts)"
          : "batched, " + batchSize + " items, second round (updates)"), opt("batch-workers"), o);
    }
  }

  /** Single pushes (job reports and heartbeats alternating) for {@code single-seconds}. */
  private Load.Outcome single(String key, String label, Load load, FleetModel fleet, long now) throws Exception {
    log(label + "single pushes for up to " + opts.get("single-seconds") + " s with " + opts.get("workers") + " workers");
    Load.Outcome single = load.run(opt("workers"), Long.MAX_VALUE, Double.parseDouble(opts.get("single-seconds")),
        singlePushes(fleet, 1000, now));
    report.ingest(key + "single", label + "single pushes (job report / heartbeat, 1:1)", opt("workers"), single);
    return single;
  }

  /**
   * The same fleet against an exporter over a throwaway PostgreSQL ({@link Postgres}, in the work dir): chains, ingest
   * and scrapes as for SQLite; then a second replica on the same database, its start to ready (catching up on the whole
   * fleet), and how long after an acknowledgement by the first replica the second one shows the push ({@link Convergence}).
   */
  private void postgres(FleetModel fleet, ChainModel chains, SimulatedConnectors connectors, Path tmp) throws Exception {
    List<Process> replicas = new ArrayList<>();
    try (Postgres postgres = Postgres.start(tmp.resolve("postgres"), children)) {
      report.put("postgres_version", postgres.version());
      Path config = tmp.resolve("bench-postgres.yml");
      int interval = opt("connector-interval");
      Files.writeString(config, fleet.configYaml(t -> chains.connectorsYaml(t, connectors::url, interval)) + postgres.storeYaml(8));
      log("PostgreSQL store: " + postgres.version() + " in " + tmp.resolve("postgres"));
      Vigil first = Vigil.start(opts.get("jar"), config, tmp.resolve("data-pg1"), freePort(), tmp.resolve("vigil-pg1.log"), null,
          children);
      replicas.add(first.process);
      report.put("postgres_startup_empty_seconds", first.readySeconds);
      try (Load load = new Load(first.uri)) {
        if (chains.chains() > 0) {
          report.put("postgres_chains_exported_after_start_seconds", chainsExported(load, first, chains.chains())[0]);
        }
        long now = Instant.now().getEpochSecond();
        batched("postgres_", "PostgreSQL store: ", load, fleet, now);
        single("postgres_", "PostgreSQL store: ", load, fleet, now);
        scrapes("postgres_vigil", "PostgreSQL store: ", load, "/metrics", FleetModel.ADMIN_KEY, true);
        scrapes("postgres_vigil_tenant", "PostgreSQL store: ", load, "/tenants/" + fleet.tenant(0) + "/metrics", fleet.readKey(0),
            false);
      }
      log("PostgreSQL store: a second replica on the same database");
      Vigil second = Vigil.start(opts.get("jar"), config, tmp.resolve("data-pg2"), freePort(), tmp.resolve("vigil-pg2.log"), null,
          children);
      replicas.add(second.process);
      report.put("postgres_second_replica_start_to_ready_seconds", second.readySeconds);
      report.convergence(new Convergence(fleet, first.uri, second.uri).measure(opt("converge-samples")));
      first.stop();
      second.stop();
    } finally {
      replicas.forEach(Process::destroyForcibly);
    }
  }

  /**
   * The running exporter under wrk: its HTTP ceiling ({@code GET /-/healthy}), single heartbeats (every device in
   * turn, {@code workers} connections) and batches of {@code batch} items ({@code batch-workers} connections) of
   * new rounds, so their job reports are new runs as long as the prepared batches last.
   */
  private void underWrk(Wrk wrk, FleetModel fleet, Vigil vigil, long now) throws Exception {
    double seconds = Double.parseDouble(opts.get("wrk-seconds"));
    long pid = vigil.process.pid();
    log("wrk: HTTP ceiling, single heartbeats and batches, " + seconds + " s each");
    report.ceilings.http = wrk.run("HTTP ceiling: GET /-/healthy", vigil.uri, List.of(new Load.Req("GET", "/-/healthy", null, null, null, 1)),
        opt("workers"), seconds, pid);
    List<Load.Req> heartbeats = new ArrayList<>();
    for (int d = 0; d < fleet.devices(); d++) {
      heartbeats.add(new Load.Req("POST", "/api/v1/heartbeats", fleet.pushKey(fleet.tenantOfDevice(d)), "application/json",
          fleet.heartbeat(d, false), 1));
    }
    report.ceilings.single = wrk.run("Vigil single pushes (heartbeats), durable", vigil.uri, heartbeats, opt("workers"), seconds, pid);
    List<Load.Req> batches = new ArrayList<>();
    for (int round = 3; round < 3 + opt("wrk-batch-rounds"); round++) {
      for (FleetModel.Batch b : fleet.batches(opt("batch"), round, now)) {
        batches.add(new Load.Req("POST", "/api/v1/batch", fleet.pushKey(b.tenant()), "application/json", b.body(), b.items()));
      }
    }
    report.ceilings.uniqueBatches = batches.size();
    report.ceilings.batched = wrk.run("Vigil batches of " + opt("batch") + " items, durable", vigil.uri, batches, opt("batch-workers"),
        seconds, pid);
  }

  /** The Pushgateway without its consistency check under the same tool: one PUT per device group, as many connections. */
  private void pushgatewayUnderWrk(Wrk wrk, FleetModel fleet, long now, Path tmp) throws Exception {
    int port = freePort();
    Process pg = new ProcessBuilder(opts.get("pushgateway"), "--web.listen-address=127.0.0.1:" + port,
        "--persistence.file=" + tmp.resolve("pushgateway-wrk.db"), "--push.disable-consistency-check").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("pushgateway-wrk.log").toFile()).start();
    children.add(pg);
    URI uri = URI.create("http://127.0.0.1:" + port);
    Load load = new Load(uri);
    while (!ready(load)) {
      Thread.sleep(20);
    }
    List<Load.Req> groups = new ArrayList<>();
    for (int d = 0; d < fleet.devices(); d++) {
      groups.add(new Load.Req("PUT", "/metrics/job/vigil/device/" + fleet.device(d), null, "text/plain; version=0.0.4",
          fleet.pushgatewayGroup(d, 1, now), 1));
    }
    report.ceilings.pushgateway = wrk.run("Pushgateway --push.disable-consistency-check, PUT per device", uri, groups,
        opt("workers"), Double.parseDouble(opts.get("wrk-seconds")), pg.pid());
    load.close();
    pg.destroy();
    pg.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * The raw-SQLite ceiling from the exporter's own rows: into a fresh file with a commit per batch (all rows, run rows
   * only) and per item, and into a copy of the exporter's store with a commit per batch.
   */
  private void rawSqlite(Path store, Path tmp, FleetModel fleet) throws Exception {
    int items = Math.min(150_000, fleet.jobs() + fleet.devices());
    report.ceilings.rawBatched = RawSqlite.run(store, tmp.resolve("raw-batched.db"), opt("batch"), items, false, false);
    report.ceilings.rawRunsOnly = RawSqlite.run(store, tmp.resolve("raw-runs.db"), opt("batch"), Math.min(items, fleet.jobs()), true, false);
    report.ceilings.rawSingle = RawSqlite.run(store, tmp.resolve("raw-single.db"), 1, Math.min(3_000, items), false, false);
    report.ceilings.rawIntoStore = RawSqlite.run(store, tmp.resolve("raw-into-store.db"), opt("batch"), items, false, true);
    log(String.format(Locale.ROOT, "raw SQLite: %,.0f items/s (%.1f us CPU each) at %d per commit into a copy of the exporter's store;"
        + " into a fresh file %,.0f items/s (%.1f us), %,.0f with run rows only, %,.0f at 1 per commit",
        report.ceilings.rawIntoStore.itemsPerSecond(), report.ceilings.rawIntoStore.cpuMicrosPerItem(), opt("batch"),
        report.ceilings.rawBatched.itemsPerSecond(), report.ceilings.rawBatched.cpuMicrosPerItem(),
        report.ceilings.rawRunsOnly.itemsPerSecond(), report.ceilings.rawSingle.itemsPerSecond()));
  }

  /** The connector families (client_java names) that {@link #chainSeries} counts. */
  static final List<String> CONNECTOR_FAMILIES = List.of("vigil_connector_up", "vigil_connector_last_poll_timestamp_seconds",
      "vigil_connector_last_success_timestamp_seconds", "vigil_connector_since_last_success_seconds",
      "vigil_connector_poll_duration_seconds", "vigil_connector", "vigil_repository_free_bytes", "vigil_repository_size_bytes",
      "vigil_folder_unmanaged", "vigil_chain_depth", "vigil_chain_images", "vigil_chain_newest_image_timestamp_seconds",
      "vigil_chain_since_newest_image_seconds", "vigil_chain_usage_bytes", "vigil_chain_retention_bytes", "vigil_chain_broken",
      "vigil_chain_grace_seconds", "vigil_chain_retention_unexpected", "vigil_customer_quota_bytes");

  private static String named(List<String> families) {
    return "/metrics?" + String.join("&", families.stream().map(f -> "name%5B%5D=" + f).toList());
  }

  /**
   * Seconds from the exporter's process start until a scrape shows every chain: {@code vigil_chain_depth}
   * (a {@code name[]} scrape) polled every 100 ms; the time is that of the first complete scrape's start. Each such
   * scrape renders every connector family (about a second with 10,000 chains), so also, finer: when the last
   * connector's first poll ended, from the exporter's own poll metrics ({@link #lastFirstPoll}).
   */
  private double[] chainsExported(Load load, Vigil vigil, int expected) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    long scrapes = 0;
    while (true) {
      long at = System.nanoTime();
      long seen = load.getText(named(List.of("vigil_chain_depth")), FleetModel.ADMIN_KEY).lines()
          .filter(l -> l.startsWith("vigil_chain_depth{")).count();
      scrapes++;
      if (seen >= expected) {
        double seconds = (at - vigil.startedNanos) / 1e9;
        double polled = lastFirstPoll(load, vigil);
        log(String.format(Locale.ROOT, "all %d chains exported %.2f s after the exporter's start (%d scrapes); the last connector's "
            + "first poll ended %.2f s after it", expected, seconds, scrapes, polled));
        return new double[] {seconds, polled};
      }
      if (at > deadline) {
        throw new IllegalStateException("only " + seen + " of " + expected + " chains exported after 180 s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * Seconds from the process start until the end of the latest of the connectors' newest polls (start
   * {@code vigil_connector_last_success_timestamp_seconds} + {@code vigil_connector_poll_duration_seconds}): right
   * after the chains appeared, with polls 30 s apart, that is each connector's first poll.
   */
  private double lastFirstPoll(Load load, Vigil vigil) throws Exception {
    String text = load.getText(named(List.of("vigil_connector_last_success_timestamp_seconds", "vigil_connector_poll_duration_seconds")),
        FleetModel.ADMIN_KEY);
    Map<String, Double> end = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^(vigil_connector_last_success_timestamp_seconds|vigil_connector_poll_duration_seconds)"
        + "\\{([^}]*)\\} (\\S+)$").matcher(text);
    while (m.find()) {
      end.merge(m.group(2), Double.parseDouble(m.group(3)), Double::sum);
    }
    double startedEpoch = System.currentTimeMillis() / 1e3 - (System.nanoTime() - vigil.startedNanos) / 1e9;
    return end.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN) - startedEpoch;
  }

  /** The connector families alone (a {@code name[]} scrape): their series and text bytes, plain and gzip. */
  private void chainSeries(Load load) throws Exception {
    String text = load.getText(named(CONNECTOR_FAMILIES), FleetModel.ADMIN_KEY);
    long series = text.lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).count();
    long gzip = load.get(named(CONNECTOR_FAMILIES), FleetModel.ADMIN_KEY,
        Map.of("Accept", "text/plain; version=0.0.4", "Accept-Encoding", "gzip"))[1];
    report.put("vigil_chain_series", series);
    report.put("vigil_chain_text_bytes", (long) text.getBytes(StandardCharsets.UTF_8).length);
    report.put("vigil_chain_text_gzip_bytes", gzip);
    log("connector families: " + series + " series, " + text.length() + " bytes of text, " + gzip + " gzip");
  }

  /** Polls by result and the newest poll's duration per connector, from the exporter's own metrics. */
  private void polls(Load load) throws Exception {
    String text = load.getText(named(List.of("vigil_poll_requests", "vigil_connector_poll_duration_seconds")), FleetModel.ADMIN_KEY);
    Map<String, Long> byResult = new LinkedHashMap<>();
    List<Double> durations = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^(vigil_poll_requests_total\\{result=\"([a-z_]+)\"\\}|vigil_connector_poll_duration_seconds\\{[^}]*\\}) (\\S+)$")
        .matcher(text);
    while (m.find()) {
      double v = Double.parseDouble(m.group(3));
      if (m.group(2) != null) {
        byResult.put(m.group(2), (long) v);
      } else {
        durations.add(v);
      }
    }
    durations.sort(null);
    report.put("vigil_poll_requests", byResult);
    report.put("vigil_poll_duration_seconds_newest_max", durations.isEmpty() ? Double.NaN : durations.get(durations.size() - 1));
    report.put("vigil_poll_duration_seconds_newest_median", durations.isEmpty() ? Double.NaN : durations.get(durations.size() / 2));
    log("polls by result " + byResult + ", newest poll per connector: median "
        + (durations.isEmpty() ? "-" : durations.get(durations.size() / 2)) + " s, max "
        + (durations.isEmpty() ? "-" : durations.get(durations.size() - 1)) + " s");
  }

  private void scrapes(String name, String label, Load load, String path, String key, boolean all) throws Exception {
    int reps = opt("scrape-reps");
    String[][] variants = all
        ? new String[][] {{"text", "text/plain; version=0.0.4", "identity"}, {"text_gzip", "text/plain; version=0.0.4", "gzip"},
            {"openmetrics", "application/openmetrics-text; version=1.0.0", "identity"},
            {"openmetrics_gzip", "application/openmetrics-text; version=1.0.0", "gzip"}}
        : new String[][] {{"text", "text/plain; version=0.0.4", "identity"}, {"text_gzip", "text/plain; version=0.0.4", "gzip"}};
    boolean warm = false;
    for (String[] v : variants) {
      if (!warm) {
        log(label + "scrape " + path + " (warm-up)");
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
      log(String.format(Locale.ROOT, "%sscrape %s %s: %.3f s (best of %d), %d bytes", label, path, v[0], times.get(0), reps, bytes));
      report.scrape(name + "_" + v[0], label + path + " (" + v[0].replace('_', ' ') + ")", times.get(0), times.get(times.size() / 2),
          bytes);
    }
  }

  /**
   * One Pushgateway run: a group per device, pushed in ten chunks so the rate can be seen as the store
   * grows, for at most {@code pg-seconds}; then the same scrapes and its RSS.
   */
  private void pushgateway(String name, String label, FleetModel fleet, ChainModel chains, SimulatedConnectors connectors, long now,
      Path tmp, String... extraFlags) throws Exception {
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
    if (chains.chains() > 0) {
      pushgatewayChains(name, label, chains, connectors, load);
    }
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

  /**
   * The connectors' chains first, one group per connector (the inventory each connector serves now), then a
   * scrape of the chain groups alone, so the per-device comparison can leave them out. First, because with
   * default flags every later device PUT is checked against them too, as it would be in production.
   */
  private void pushgatewayChains(String name, String label, ChainModel chains, SimulatedConnectors connectors, Load load)
      throws Exception {
    int count = chains.connectors();
    log(label + ": one PUT per connector (" + count + " groups, " + chains.chains() + " chains)");
    Instant at = Instant.now();
    List<String> bodies = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      bodies.add(chains.pushgatewayGroup(k, connectors.current(k).inventory(), at));
    }
    Load.Outcome o = load.run(Math.min(opt("pg-workers"), count), count, Double.parseDouble(opts.get("pg-seconds")), k ->
        new Load.Req("PUT", "/metrics/job/vigil_chains/connector/" + chains.connector(k), null, "text/plain; version=0.0.4",
            bodies.get(k), chains.chainsOn(k)));
    report.ingest(name + "_chains", label + ", connector groups (events = chains)", Math.min(opt("pg-workers"), count), o);
    // without the consistency check a PUT is answered before it is applied: wait until every chain shows
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (load.getText("/metrics", null).lines().filter(l -> l.startsWith("vigil_chain_depth{")).count() < chains.chains()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(label + " does not show every chain 60 s after the PUTs");
      }
      Thread.sleep(100);
    }
    report.put(name + "_chain_text_bytes", load.get("/metrics", null, Map.of("Accept", "text/plain; version=0.0.4"))[1]);
    report.put(name + "_chain_text_gzip_bytes", load.get("/metrics", null,
        Map.of("Accept", "text/plain; version=0.0.4", "Accept-Encoding", "gzip"))[1]);
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
