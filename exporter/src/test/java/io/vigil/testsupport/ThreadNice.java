package io.vigil.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The nice values of a process's threads, from /proc/PID/task/TID/stat (field 19). */
public final class ThreadNice {
  private ThreadNice() {}

  /** Every thread of the process. */
  public static List<Integer> ofProcess(long pid) throws IOException {
    return of(Path.of("/proc", Long.toString(pid), "task"), name -> true);
  }

  /** This process's threads whose name (as the kernel keeps it, 15 characters) starts so. */
  public static List<Integer> ofThreadsNamed(String prefix) throws IOException {
    return of(Path.of("/proc/self/task"), name -> name.startsWith(prefix));
  }

  private static List<Integer> of(Path tasks, Predicate<String> named) throws IOException {
    List<Integer> nice = new ArrayList<>();
    try (var each = Files.list(tasks)) {
      for (Path task : each.toList()) {
        if (named.test(Files.readString(task.resolve("comm")).strip())) {
          String stat = Files.readString(task.resolve("stat"));
          nice.add(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
        }
      }
    }
    return nice;
  }
}
