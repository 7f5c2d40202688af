package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time on the CPU and time waiting for one, by thread (names with their numbers as N), from
 * {@code /proc/PID/task/TID/schedstat}: what a process's threads got from the scheduler over a window of the benchmark.
 */
final class Schedstat {
  /** Nanoseconds run and waited on a run queue, and slices run. */
  record Times(long runNanos, long waitNanos, long slices) {
    Times plus(Times other) {
      return new Times(runNanos + other.runNanos, waitNanos + other.waitNanos, slices + other.slices);
    }

    Times minus(Times before) {
      return before == null ? this : new Times(runNanos - before.runNanos, waitNanos - before.waitNanos, slices - before.slices);
    }
  }

  /** The threads of {@code pid}, and those of its child processes with "child " in front of their names. */
  static Map<String, Times> readWithChildren(long pid) throws IOException {
    Map<String, Times> threads = read(pid);
    for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(List.of())) {
      try {
        read(child.pid()).forEach((name, t) -> threads.merge("child " + name, t, Times::plus));
      } catch (NoSuchFileException ended) {
        // the child ended after it was listed
      }
    }
    return threads;
  }

  static Map<String, Times> read(long pid) throws IOException {
    Map<String, Times> threads = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "N");
          String[] f = Files.readString(task.resolve("schedstat")).strip().split(" ");
          threads.merge(name, new Times(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])), Times::plus);
        } catch (NoSuchFileException ended) {
          // the thread ended between the listing and the read
        }
      }
    }
    return threads;
  }

  /** The threads of the exporter (its child processes' too) and of the load generator, in that order. */
  static List<Map<String, Times>> read(long exporter, long generator) throws IOException {
    return List.of(readWithChildren(exporter), read(generator));
  }

  /** Each of {@code totals} plus what changed from the reading {@code before} to the reading {@code after}, in turn. */
  static void addChanges(List<Map<String, Times>> totals, List<Map<String, Times>> before, List<Map<String, Times>> after) {
    for (int i = 0; i < totals.size(); i++) {
      Map<String, Times> total = totals.get(i);
      Map<String, Times> from = before.get(i);
      after.get(i).forEach((name, t) -> total.merge(name, t.minus(from.get(name)), Times::plus));
    }
  }

  /**
   * Markdown rows, per thread name that ran at least 0.2 % of {@code seconds} in either: run and run-queue wait per
   * {@code per} (in ms) and the mean wait per slice (us), for each of two kinds of window.
   */
  static String rows(String process, Map<String, Times> with, Map<String, Times> without, double seconds) {
    StringBuilder md = new StringBuilder();
    for (String name : with.keySet()) {
      Times a = with.get(name);
      Times b = without.getOrDefault(name, new Times(0, 0, 0));
      if (Math.max(a.runNanos, b.runNanos) < seconds * 1e9 * 0.002) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %s | `%s` | %.2f / %.2f | %.3f / %.3f | %.0f / %.0f |%n", process, name,
          a.runNanos / 1e9 / seconds * 100, b.runNanos / 1e9 / seconds * 100, a.waitNanos / 1e9 / seconds * 100,
          b.waitNanos / 1e9 / seconds * 100, a.waitNanos / 1e3 / Math.max(1, a.slices), b.waitNanos / 1e3 / Math.max(1, b.slices)));
    }
    return md.toString();
  }
}
