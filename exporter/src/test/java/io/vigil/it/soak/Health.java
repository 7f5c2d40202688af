package io.vigil.it.soak;

import io.vigil.testsupport.Exposition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter's live heap, threads and open file descriptors at one moment. The live heap is the
 * total of {@code jcmd PID GC.class_histogram}, which runs a full GC first and counts only what
 * survived it: unlike heap used read after {@code GC.run}, it does not include what the running load
 * allocated since.
 */
record Health(long liveHeapBytes, Map<String, Long> liveBytesByClass, double threads, double openFds) {
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");

  static Health sample(long pid, Http http, String adminKey) throws IOException, InterruptedException {
    Map<String, Long> byClass = new HashMap<>();
    long total = -1;
    for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
      Matcher row = ROW.matcher(line);
      Matcher sum = TOTAL.matcher(line);
      if (row.find()) {
        byClass.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
      } else if (sum.find()) {
        total = Long.parseLong(sum.group(1));
      }
    }
    if (total < 0) {
      throw new AssertionError("no Total line in jcmd GC.class_histogram of " + pid);
    }
    Http.Answer metrics = http.get("/metrics", adminKey);
    if (metrics.status() != 200) {
      throw new AssertionError("/metrics answered " + metrics.status());
    }
    Exposition m = Exposition.parse(metrics.body());
    return new Health(total, byClass, m.value("jvm_threads_current"), m.value("process_open_fds"));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process;
    try {
      process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("jcmd (from the JDK running the tests) is required: " + e.getMessage(), e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("jcmd " + pid + " " + command + " failed:\n" + output);
    }
    return output;
  }

  /** The classes whose live bytes grew most since {@code before}, as "+1.2 MiB java.lang.String". */
  List<String> growthSince(Health before, int most) {
    return liveBytesByClass.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.liveBytesByClass.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(most)
        .map(e -> "%+.2f MiB %s".formatted(e.getValue() / 1048576.0, e.getKey()))
        .toList();
  }
}
