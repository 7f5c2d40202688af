package io.vigil.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load from {@code wrk} (Debian's package, C and LuaJIT): the same tool for the exporter, its HTTP ceiling and the
 * Pushgateway, so their figures can be set side by side. Requests are prepared by the bench, written to a file and
 * replayed round and round by {@code requests.lua}; wrk's own latency distribution and its count of answers that
 * were not 2xx/3xx are read from its output.
 */
final class Wrk {
  private final Path dir;
  private final Path script;
  private final int threads;

  Wrk(Path dir, int threads) throws IOException {
    this.dir = dir;
    this.threads = threads;
    this.script = dir.resolve("requests.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("/wrk/requests.lua")) {
      Files.write(script, in.readAllBytes());
    }
  }

  /** What wrk measured; {@code events} = requests x items per request. */
  record Result(String label, int connections, long requests, long notOk, long socketErrors, double seconds, double requestsPerSecond,
      double p50Millis, double p99Millis, double itemsPerRequest, double cpuSecondsOfTarget, Map<String, Double> threadCpuSeconds) {
    Result(String label, int connections, long requests, long notOk, long socketErrors, double seconds, double requestsPerSecond,
        double p50Millis, double p99Millis, double itemsPerRequest, double cpuSecondsOfTarget) {
      this(label, connections, requests, notOk, socketErrors, seconds, requestsPerSecond, p50Millis, p99Millis, itemsPerRequest,
          cpuSecondsOfTarget, Map.of());
    }

    /** The target's CPU per item by thread (names with their numbers as N), most first, in microseconds. */
    String cpuByThread() {
      double items = Math.max(1, requests * itemsPerRequest);
      return threadCpuSeconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .filter(e -> e.getValue() * 1e6 / items >= 0.5)
          .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() * 1e6 / items)).collect(Collectors.joining(", "));
    }

    double eventsPerSecond() {
      return requestsPerSecond * itemsPerRequest;
    }

    /** CPU time of the process under test per item it was sent, in microseconds. */
    double cpuMicrosPerItem() {
      return cpuSecondsOfTarget * 1e6 / Math.max(1, requests * itemsPerRequest);
    }
  }

  /**
   * Writes {@code requests} to a file (for {@code requests.lua}), runs {@code wrk} against {@code base} for
   * {@code seconds} with {@code connections}, and samples {@code targetPid}'s CPU time around it.
   */
  Result run(String label, URI base, List<Load.Req> requests, int connections, double seconds, long targetPid) throws Exception {
    Path file = dir.resolve(label.replaceAll("[^A-Za-z0-9]+", "-") + ".requests");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (Load.Req r : requests) {
        byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
        String header = r.method() + "\t" + r.path() + "\t" + (r.key() == null ? "-" : r.key()) + "\t"
            + (r.contentType() == null ? "text/plain" : r.contentType()) + "\t" + body.length + "\n";
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write('\n');
      }
    }
    double items = requests.stream().mapToInt(Load.Req::events).average().orElse(1);
    List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(Math.min(threads, connections)), "-c",
        Integer.toString(connections), "-d", Math.round(seconds) + "s", "--timeout", "10s", "--latency", "-s", script.toString(),
        base.toString(), "--", file.toString(), Integer.toString(Math.min(threads, connections))));
    double cpuBefore = cpuSeconds(targetPid);
    Map<String, Double> threadsBefore = threadCpuSeconds(targetPid);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = wrk.waitFor();
    double cpu = cpuSeconds(targetPid) - cpuBefore;
    Map<String, Double> byThread = new TreeMap<>(threadCpuSeconds(targetPid));
    threadsBefore.forEach((thread, before) -> byThread.merge(thread, -before, Double::sum));
    Files.delete(file);
    Files.writeString(file.resolveSibling(file.getFileName() + ".wrk.txt"), out);
    if (exit != 0) {
      throw new IllegalStateException("wrk exited with " + exit + ":\n" + out);
    }
    Result parsed = parse(label, connections, items, cpu, out);
    Result result = new Result(parsed.label(), parsed.connections(), parsed.requests(), parsed.notOk(), parsed.socketErrors(),
        parsed.seconds(), parsed.requestsPerSecond(), parsed.p50Millis(), parsed.p99Millis(), parsed.itemsPerRequest(),
        parsed.cpuSecondsOfTarget(), Map.copyOf(byThread));
    System.out.printf(Locale.ROOT, "  wrk %s: %,.0f req/s, %,.0f items/s, p50 %.2f ms, p99 %.2f ms, %d not 2xx and %d socket errors of %d,"
        + " %.1f us CPU per item (by thread: %s)%n", label, result.requestsPerSecond(), result.eventsPerSecond(), result.p50Millis(),
        result.p99Millis(), result.notOk(), result.socketErrors(), result.requests(), result.cpuMicrosPerItem(), result.cpuByThread());
    return result;
  }

  static Result parse(String label, int connections, double items, double cpu, String out) {
    long requests = Long.parseLong(find(out, "(\\d+) requests in").group(1));
    Matcher in = find(out, "requests in ([0-9.]+)(us|ms|s|m),");
    double seconds = Double.parseDouble(in.group(1)) * unitSeconds(in.group(2));
    double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)").group(1));
    Matcher notOk = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
    Matcher socketErrors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
    long refused = notOk.find() ? Long.parseLong(notOk.group(1)) : 0;
    long errors = 0;
    if (socketErrors.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socketErrors.group(g));
      }
    }
    return new Result(label, connections, requests, refused, errors, seconds, rps, percentile(out, "50%"), percentile(out, "99%"), items, cpu);
  }

  private static double percentile(String out, String which) {
    Matcher m = find(out, "(?m)^\\s+" + which + "\\s+([0-9.]+)(us|ms|s|m)\\s*$");
    return Double.parseDouble(m.group(1)) * unitSeconds(m.group(2)) * 1e3;
  }

  private static double unitSeconds(String unit) {
    return switch (unit) {
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "m" -> 60;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  private static Matcher find(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no '" + regex + "' in wrk's output:\n" + out);
    }
    return m;
  }

  /** CPU seconds so far of each kind of thread of a process (digits in its name as N), from its threads' schedstat. */
  static Map<String, Double> threadCpuSeconds(long pid) throws IOException {
    Map<String, Double> seconds = new TreeMap<>();
    Schedstat.read(pid).forEach((name, times) -> seconds.put(name, times.runNanos() / 1e9));
    return seconds;
  }

  /** User + system CPU seconds of a process so far, from {@code /proc/PID/stat} (clock ticks of 1/100 s). */
  static double cpuSeconds(long pid) throws IOException {
    return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
  }

  private static double cpuSeconds(Path statFile) throws IOException {
    String stat = Files.readString(statFile);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after "pid (comm) ": state is field 3 of the line, utime 14 and stime 15
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }
}
