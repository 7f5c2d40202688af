package io.vigil.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.bench.FleetModel;
import io.vigil.config.LiveConfig;
import io.vigil.http.ScrapeGzip;
import io.vigil.metrics.FleetCollector;
import io.vigil.metrics.FleetExposition;
import io.vigil.state.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPOutputStream;

/**
 * Scrape cost per series (issue 21 item 3): the full default fleet's state built in memory once, then for that
 * one snapshot Vigil's text writers against client_java's own writers of the same series (checked to be the same
 * bytes), and Vigil's text through gzip at several deflate levels, each into a byte counter and over a loopback
 * socket drained by another thread (the hand-over a scrape does). Variants run round-robin, so that a shared
 * machine's load falls on all of them alike; medians are reported. {@code scrape-cost [REPS [OUT]]}.
 */
public final class ScrapeCost {
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** CPU time of the helper threads of the current measurement, as each ends: [compressor, loopback reader]. */
  private final AtomicLongArray helpers = new AtomicLongArray(2);
  private final ThreadFactory compressors = task -> ScrapeGzip.daemonThreads().newThread(() -> {
    task.run();
    helpers.addAndGet(0, THREADS.getCurrentThreadCpuTime());
  });

  /**
   * {@code criticalNanos}: the CPU time of the busiest thread (writer, compressor, loopback reader), the wall time
   * the work would take with a core free for each thread, whatever else loads the machine.
   */
  private record Measured(long bytes, long wallNanos, long cpuNanos, long writerNanos, long compressorNanos, long criticalNanos) {}

  @FunctionalInterface
  private interface Variant {
    long run() throws Exception;
  }

  private ScrapeCost() {}

  public static void main(String[] args) throws Exception {
    new ScrapeCost().run(args);
  }

  private void run(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path out = Path.of(args.length > 1 ? args[1] : "bench/results/scrape-cost.md");
    FleetModel model = new FleetModel(10, 10_000, 100_000, 50_000);
    Instant now = Instant.now();
    Fleet state = Fleet.of(HotPathState.snapshot(model, now));
    LiveConfig config = new LiveConfig(HotPathState.config(model), null);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    FleetExposition vigil = new FleetExposition(state, config, clock, null);
    FleetCollector collector = new FleetCollector(state, config, clock, null);
    MetricSnapshots snapshots = collector.collect();
    PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    Check vigilText = Check.of(o -> vigil.write(o, FleetExposition.Format.TEXT));
    Check clientText = Check.of(o -> text.write(o, snapshots));
    Check vigilOm = Check.of(o -> {
      vigil.write(o, FleetExposition.Format.OPENMETRICS);
      o.write("# EOF\n".getBytes(StandardCharsets.UTF_8)); // left to the connectors' writer in a scrape
    });
    Check clientOm = Check.of(o -> openMetrics.write(o, snapshots));
    log(String.format(Locale.ROOT, "fleet %s: text %d series, %d bytes (sha-256 %s), client_java %d series, %d bytes (%s)", model,
        vigilText.series, vigilText.bytes, vigilText.sha, clientText.series, clientText.bytes, clientText.sha));
    log(String.format(Locale.ROOT, "OpenMetrics %d series, %d bytes (%s), client_java %d series, %d bytes (%s)", vigilOm.series,
        vigilOm.bytes, vigilOm.sha, clientOm.series, clientOm.bytes, clientOm.sha));
    if (!vigilText.equals(clientText) || !vigilOm.equals(clientOm)) {
      throw new IllegalStateException("Vigil's and client_java's expositions of the same snapshot differ");
    }
    long series = vigilText.series;

    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("vigil text", () -> CountingOutputStream.bytesOf(o -> vigil.write(o, FleetExposition.Format.TEXT)));
    variants.put("client_java text (snapshots built)", () -> CountingOutputStream.bytesOf(o -> text.write(o, snapshots)));
    variants.put("client_java collect + text", () -> CountingOutputStream.bytesOf(o -> text.write(o, collector.collect())));
    variants.put("vigil OpenMetrics", () -> CountingOutputStream.bytesOf(o -> vigil.write(o, FleetExposition.Format.OPENMETRICS)));
    variants.put("client_java OpenMetrics (snapshots built)", () -> CountingOutputStream.bytesOf(o -> openMetrics.write(o, snapshots)));
    variants.put("client_java collect + OpenMetrics", () -> CountingOutputStream.bytesOf(o -> openMetrics.write(o, collector.collect())));
    int[] levels = {1, 2, 3, 6};
    for (int level : levels) {
      variants.put("gzip " + level + ", one thread", () -> CountingOutputStream.bytesOf(o -> gzip(o, level, vigil)));
    }
    try (Drain drain = new Drain()) {
      variants.put("loopback text", () -> drain.send(o -> vigil.write(o, FleetExposition.Format.TEXT)));
      variants.put("loopback gzip 1, one thread (Scrape before)", () -> drain.send(o -> gzip(o, 1, vigil)));
      for (int level : levels) {
        variants.put("loopback gzip " + level + ", pipelined" + (level == ScrapeGzip.LEVEL ? " (Scrape)" : ""),
            () -> drain.send(o -> scrapeGzip(o, level, vigil)));
      }

      Map<String, List<Measured>> results = new LinkedHashMap<>();
      variants.keySet().forEach(k -> results.put(k, new ArrayList<>()));
      double loadBefore = OS.getSystemLoadAverage();
      for (int round = -1; round < reps; round++) { // round -1: warm-up
        for (Map.Entry<String, Variant> v : variants.entrySet()) {
          System.gc();
          Measured m = measure(v.getValue());
          log(String.format(Locale.ROOT, "%s %s: %d bytes, %.3f s, %.3f s CPU, %.3f s writer thread, %.3f s compressor, %.3f s critical path",
              round < 0 ? "warm-up" : "round " + round, v.getKey(), m.bytes, m.wallNanos / 1e9, m.cpuNanos / 1e9, m.writerNanos / 1e9,
              m.compressorNanos / 1e9, m.criticalNanos / 1e9));
          if (round >= 0) {
            results.get(v.getKey()).add(m);
          }
        }
      }
      String load = String.format(Locale.ROOT, "%.1f at the start, %.1f at the end", loadBefore, OS.getSystemLoadAverage());
      String report = report(model, series, reps, results, load);
      Files.writeString(out, report);
      System.out.print(report);
    }
  }

  private static void gzip(OutputStream out, int level, FleetExposition vigil) throws IOException {
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(level);
      }
    }) {
      vigil.write(gzip, FleetExposition.Format.TEXT);
    }
  }

  private void scrapeGzip(OutputStream out, int level, FleetExposition vigil) throws IOException {
    try (OutputStream gzip = ScrapeGzip.open(out, compressors, level)) {
      vigil.write(gzip, FleetExposition.Format.TEXT);
    }
  }

  /** Wall time, CPU time of the whole process (writer, any helper thread, GC, JIT) and of each thread. */
  private Measured measure(Variant variant) throws Exception {
    helpers.set(0, 0);
    helpers.set(1, 0);
    long cpu = OS.getProcessCpuTime();
    long writer = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long bytes = variant.run();
    long wall = System.nanoTime() - t0;
    writer = THREADS.getCurrentThreadCpuTime() - writer;
    return new Measured(bytes, wall, OS.getProcessCpuTime() - cpu, writer, helpers.get(0),
        Math.max(writer, Math.max(helpers.get(0), helpers.get(1))));
  }

  private static String report(FleetModel model, long series, int reps, Map<String, List<Measured>> results, String load) {
    Measured vigilText = median(results.get("vigil text"));
    Measured vigilOm = median(results.get("vigil OpenMetrics"));
    StringBuilder md = new StringBuilder();
    md.append("# Scrape cost per series (issue 21 item 3), ").append(Instant.now().toString(), 0, 10).append("\n\n");
    md.append("Command: `bash bench/run.sh scrape-cost` (").append(reps).append(" measured rounds after one warm-up, variants round-robin; ")
        .append("medians). Fleet: ").append(model.tenants()).append(" tenants, ").append(model.customers()).append(" customers, ")
        .append(model.jobs()).append(" jobs, ").append(model.devices()).append(" devices, built in memory once (the fleet families; ")
        .append("the connectors' chains are written by the same SeriesWriter and left out): ").append(series).append(" series. ")
        .append("Vigil's and client_java's text of the same snapshot are the same bytes (SHA-256 checked at start, both formats). ")
        .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores shared with other builds (load average ")
        .append(load).append(" of the measurements), Java ").append(System.getProperty("java.version"))
        .append(": wall times swing with the other work, so compare CPU times, and ratios within this run.\n\n")
        .append("CPU = the whole process's CPU time (writer, GC, JIT, helper threads); writer = the writing thread's alone; ")
        .append("critical path = the CPU time of the busiest thread (writer, pipelined compressor, loopback reader), the wall time ")
        .append("with a core free for each thread. \"client_java (snapshots built)\" writes MetricSnapshots collected once before; ")
        .append("\"collect +\" builds them per scrape from the same FleetView, as a client_java exporter would.\n\n");
    md.append("## Writers\n\n| writer | bytes/series | CPU ns/series | writer thread ns/series | wall ns/series | Vigil/client_java (CPU) |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (String name : List.of("vigil text", "client_java text (snapshots built)", "client_java collect + text", "vigil OpenMetrics",
        "client_java OpenMetrics (snapshots built)", "client_java collect + OpenMetrics")) {
      Measured m = median(results.get(name));
      Measured base = name.contains("OpenMetrics") ? vigilOm : vigilText;
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.0f | %s |%n", name, (double) m.bytes / series,
          (double) m.cpuNanos / series, (double) m.writerNanos / series, (double) m.wallNanos / series,
          name.startsWith("vigil") ? "" : String.format(Locale.ROOT, "%.2f", (double) base.cpuNanos / m.cpuNanos)));
    }
    Measured loopbackText = median(results.get("loopback text"));
    md.append("\n## gzip of Vigil's text\n\n| variant | bytes | bytes/series | CPU s | writer thread s | compressor thread s | ")
        .append("critical path s | critical path / text's | wall s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, List<Measured>> e : results.entrySet()) {
      if (!e.getKey().contains("gzip") && !e.getKey().contains("text") || e.getKey().contains("client_java")) {
        continue;
      }
      Measured m = median(e.getValue());
      Measured base = e.getKey().startsWith("loopback") ? loopbackText : vigilText;
      md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %.3f | %.3f | %.3f | %.3f | %.2f | %.3f |%n", e.getKey(), m.bytes,
          (double) m.bytes / series, m.cpuNanos / 1e9, m.writerNanos / 1e9, m.compressorNanos / 1e9, m.criticalNanos / 1e9,
          (double) m.criticalNanos / base.criticalNanos, m.wallNanos / 1e9));
    }
    md.append("\n\"text's\" is the uncompressed text of the same kind: into a byte counter (\"vigil text\") or over the loopback socket ")
        .append("(\"loopback text\"), whose far end a thread of this process reads.\n");
    return md.toString();
  }

  private static Measured median(List<Measured> ms) {
    long[] wall = ms.stream().mapToLong(Measured::wallNanos).sorted().toArray();
    long[] cpu = ms.stream().mapToLong(Measured::cpuNanos).sorted().toArray();
    long[] writer = ms.stream().mapToLong(Measured::writerNanos).sorted().toArray();
    long[] compressor = ms.stream().mapToLong(Measured::compressorNanos).sorted().toArray();
    long[] critical = ms.stream().mapToLong(Measured::criticalNanos).sorted().toArray();
    return new Measured(ms.get(0).bytes, wall[wall.length / 2], cpu[cpu.length / 2], writer[writer.length / 2],
        compressor[compressor.length / 2], critical[critical.length / 2]);
  }

  private static void log(String line) {
    System.out.println(Instant.now().toString().substring(11, 19) + " " + line);
  }

  /** The SHA-256, byte count and data lines (series) of an exposition. */
  private record Check(String sha, long bytes, long series) {
    static Check of(CountingOutputStream.Rendering rendering) throws Exception {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long[] counts = new long[2]; // bytes, series
      boolean[] lineStart = {true};
      rendering.writeTo(new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          sha.update(b, off, len);
          counts[0] += len;
          for (int i = off; i < off + len; i++) {
            if (lineStart[0] && b[i] != '#') {
              counts[1]++;
            }
            lineStart[0] = b[i] == '\n';
          }
        }
      });
      return new Check(HexFormat.of().formatHex(sha.digest()).substring(0, 16), counts[0], counts[1]);
    }
  }

  /** A loopback socket whose far end a thread reads and throws away, like a scraper's connection. */
  private final class Drain implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

    Drain() throws IOException {}

    long send(CountingOutputStream.Rendering rendering) throws Exception {
      long[] read = {0};
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()); Socket accepted = server.accept()) {
        Thread reader = new Thread(() -> {
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = client.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
              read[0] += n;
            }
            helpers.addAndGet(1, THREADS.getCurrentThreadCpuTime());
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
        reader.start();
        try (OutputStream o = accepted.getOutputStream()) {
          rendering.writeTo(o);
        }
        reader.join();
      }
      return read[0];
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
