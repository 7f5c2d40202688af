package io.vigil.report;

import io.vigil.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps the making of reports to a share of the time while they come one after another (every customer's monthly
 * report on the scheduler's day, a script fetching each customer's report): after a report whose making took t, the
 * next one starts no sooner than t x (1 - share) / share later, and never more than {@link #LONGEST_PAUSE} later. A
 * report asked for after such a pause starts at once. One pace for the exporter: the reports served over HTTP and those
 * the scheduler mails take turns through it.
 *
 * <p>Why, although the report threads and the render process already run at the idle CPU priority: CPUs kept busy even
 * by idle-priority work still slow the pushes' tail. In {@code bash bench/run.sh reports} (bench/README.md), all 10,000
 * monthly reports made back to back raised the pushes' p99 1.31x; at a share of 0.25 they raised it 1.00x.
 */
public final class ReportPace {
  /** So that a person asking for reports one after another (a slow first PDF starts the render process) waits little. */
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  private final DoubleSupplier share;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final ReentrantLock turn = new ReentrantLock();
  private boolean paused;
  private long notBefore;

  /** {@code share}: read at each report (the configuration may change), in (0, 1]. */
  public ReportPace(DoubleSupplier share) {
    this(share, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  ReportPace(DoubleSupplier share, LongSupplier nanoTime, Sleeper sleeper) {
    this.share = share;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** A clock's sleep, in nanoseconds. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** Waits for the pause the last report left, then makes this one; a failed report is paced as one that succeeded. */
  public <T> T run(ReportQueue.Work<T> work) throws StoreException, IOException {
    try {
      turn.lockInterruptibly();
      try {
        long wait = notBefore - nanoTime.getAsLong();
        if (paused && wait > 0) {
          sleeper.sleep(wait);
        }
        long start = nanoTime.getAsLong();
        try {
          return work.run();
        } finally {
          long end = nanoTime.getAsLong();
          notBefore = end + pauseAfter(end - start, share.getAsDouble());
          paused = true;
        }
      } finally {
        turn.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the reports' pace", e);
    }
  }

  static long pauseAfter(long tookNanos, double share) {
    return (long) Math.min(tookNanos * (1 - share) / share, LONGEST_PAUSE.toNanos());
  }
}
