package io.vigil.report;

import io.vigil.store.StoreException;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reports asked for over HTTP are built and rendered one at a time on a {@link BackgroundThreads background} thread, at
 * the lowest CPU priority: reading a month of history and writing the page take milliseconds of CPU each, which the
 * pushes get first. At most {@code waiting} requests wait behind the one being made; one more is refused at once rather
 * than held, so a burst of report requests cannot pile up threads. The thread ends after a minute idle.
 */
public final class ReportQueue {
  private final int waiting;
  private final ThreadPoolExecutor thread;

  public ReportQueue(int waiting) {
    this.waiting = waiting;
    this.thread = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(waiting),
        new BackgroundThreads("vigil-report"));
    thread.allowCoreThreadTimeOut(true);
  }

  /** What {@code work} returns, made on the report thread; {@link Full} when {@code waiting} requests already wait. */
  public <T> T call(Work<T> work) throws StoreException, IOException, Full {
    Future<T> result;
    try {
      result = thread.submit(work::run);
    } catch (RejectedExecutionException e) {
      throw new Full(waiting);
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the report was made", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreException store) {
        throw store;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("the report could not be made: " + cause, cause);
    }
  }

  /** A report's making. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws StoreException, IOException;
  }

  /** Too many reports asked for at once: ask again in a moment. */
  public static final class Full extends Exception {
    Full(int waiting) {
      super("a report is being made and " + waiting + " more wait; ask again in a few seconds");
    }
  }
}
