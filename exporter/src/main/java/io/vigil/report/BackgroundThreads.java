package io.vigil.report;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads that give the CPU to every other thread of the machine: on Linux each one, as it starts, moves itself
 * to the idle scheduling policy (SCHED_IDLE: it runs only on a CPU nothing else wants, and a waking thread of any other
 * policy takes the CPU from it at once) and to nice 19, through sched_setscheduler(2) and setpriority(2) on the
 * thread's id, which Linux applies to that thread alone. Reports can wait a few milliseconds; a push waiting for a CPU
 * behind a PDF shows in its latency. Java's own thread priorities do nothing on Linux without a JVM flag, and leaving
 * either needs a privilege, so these threads stay low for good.
 */
public final class BackgroundThreads implements ThreadFactory {
  static final int LOWEST = 19;
  static final int SCHED_IDLE = 5;
  private static final Logger log = LoggerFactory.getLogger(BackgroundThreads.class);
  private static final int PRIO_PROCESS = 0;

  private final String name;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicBoolean warned = new AtomicBoolean();

  public BackgroundThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable work) {
    Thread thread = new Thread(() -> {
      lowerCurrentThread();
      work.run();
    }, name + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  /** Moves the calling thread to the idle policy and the lowest nice value; elsewhere than on Linux, or if refused, says so once. */
  private void lowerCurrentThread() {
    if (!Platform.isLinux()) {
      return;
    }
    try {
      // /proc/thread-self is PID/task/TID
      int tid = Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
      LibC.INSTANCE.setpriority(PRIO_PROCESS, tid, LOWEST);
      LibC.INSTANCE.sched_setscheduler(tid, SCHED_IDLE, new int[] {0});
    } catch (Exception | LinkageError e) {
      if (!warned.getAndSet(true)) {
        log.warn("{} threads run at normal CPU priority, so reports compete with ingest for the CPU: {}", name, e.toString());
      }
    }
  }

  private interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int setpriority(int which, int who, int prio) throws LastErrorException;

    /** {@code param} is struct sched_param, whose one field (the static priority) is 0 for the idle policy. */
    int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
  }
}
