package io.vigil.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The scheduling of a process's threads, from /proc/PID/task/TID/stat: the nice value (field 19) and the policy (41). */
public record ThreadPriority(int nice, int policy) {
  public static final int SCHED_OTHER = 0;
  public static final int SCHED_IDLE = 5;
  /** What background work runs at: the idle policy, and nice 19 for what still looks at nice values. */
  public static final ThreadPriority IDLE = new ThreadPriority(19, SCHED_IDLE);
  public static final ThreadPriority NORMAL = new ThreadPriority(0, SCHED_OTHER);

  /** Every thread of the process. */
  public static List<ThreadPriority> ofProcess(long pid) throws IOException {
    return of(Path.of("/proc", Long.toString(pid), "task"), name -> true);
  }

  /** This process's threads whose name (as the kernel keeps it, 15 characters) starts so. */
  public static List<ThreadPriority> ofThreadsNamed(String prefix) throws IOException {
    return of(Path.of("/proc/self/task"), name -> name.startsWith(prefix));
  }

  private static List<ThreadPriority> of(Path tasks, Predicate<String> named) throws IOException {
    List<ThreadPriority> priorities = new ArrayList<>();
    try (var each = Files.list(tasks)) {
      for (Path task : each.toList()) {
        try {
          if (named.test(Files.readString(task.resolve("comm")).strip())) {
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the command's closing parenthesis start at field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            priorities.add(new ThreadPriority(Integer.parseInt(fields[19 - 3]), Integer.parseInt(fields[41 - 3])));
          }
        } catch (NoSuchFileException ended) {
          // the thread ended after the listing
        }
      }
    }
    return priorities;
  }
}
