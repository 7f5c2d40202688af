package io.vigil.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.zip.GZIPOutputStream;

/**
 * A scrape body's gzip: one gzip stream at deflate level {@link #LEVEL}, compressed on a second thread once the body
 * outgrows one {@link #CHUNK}, so that writing the exposition and deflating it overlap instead of adding up. On a
 * full fleet's 300+ MB body, written then deflated on one thread, gzip took longer than the plain scrape
 * (bench/results/scrape-cost.md). Smaller bodies are compressed on the writing thread, without a second one.
 */
public final class ScrapeGzip extends OutputStream {
  /**
   * Deflate's fastest level. With the second thread levels 1 to 3 cost about the same, but bodies under a chunk, and
   * scrapes on a machine with no core to spare, deflate on the writing thread, where level 1 is the cheapest.
   */
  public static final int LEVEL = 1;
  static final int CHUNK = 1024 * 1024;
  /**
   * Chunks handed over and not yet deflated: enough that on a loaded machine the writer seldom waits for the
   * compressing thread to be scheduled (each wait a trip through the scheduler).
   */
  static final int IN_FLIGHT = 4;
  private static final byte[] END = new byte[0];

  private final GZIPOutputStream gzip;
  private final ThreadFactory threads;
  private byte[] chunk = new byte[CHUNK];
  private int size;
  /** Set once a second thread compresses: chunks to it, and the emptied ones back. */
  private BlockingQueue<byte[]> full;
  private BlockingQueue<byte[]> free;
  private Thread compressor;
  private volatile IOException failure;
  private boolean closed;

  private ScrapeGzip(OutputStream out, ThreadFactory threads, int level) throws IOException {
    this.threads = threads;
    this.gzip = new GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(level);
      }
    };
  }

  /** Compressing on threads from {@code threads} when the body outgrows a chunk. */
  public static ScrapeGzip open(OutputStream out, ThreadFactory threads) throws IOException {
    return open(out, threads, LEVEL);
  }

  /** At another deflate level (the scrape-cost benchmark compares them). */
  public static ScrapeGzip open(OutputStream out, ThreadFactory threads, int level) throws IOException {
    return new ScrapeGzip(out, threads, level);
  }

  /** Daemon threads named scrape-gzip. */
  public static ThreadFactory daemonThreads() {
    return task -> {
      Thread thread = new Thread(task, "scrape-gzip");
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Whether a second thread compressed (for tests). */
  boolean pipelined() {
    return compressor != null;
  }

  @Override
  public void write(int b) throws IOException {
    if (size == CHUNK) {
      handOver();
    }
    chunk[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (size == CHUNK) {
        handOver();
      }
      int n = Math.min(len, CHUNK - size);
      System.arraycopy(b, off, chunk, size, n);
      size += n;
      off += n;
      len -= n;
    }
  }

  /** The full chunk to the compressing thread (started with the first), and an emptied one back. */
  private void handOver() throws IOException {
    if (compressor == null) {
      full = new ArrayBlockingQueue<>(IN_FLIGHT);
      free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
      for (int i = 0; i < IN_FLIGHT; i++) {
        free.add(new byte[CHUNK]);
      }
      compressor = threads.newThread(this::compress);
      compressor.start();
    }
    try {
      full.put(chunk);
      chunk = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing a scrape chunk to gzip");
    }
    size = 0;
    if (failure != null) {
      throw failed();
    }
  }

  /** The compressing thread's failure, as a new exception each time (try-with-resources cannot suppress an exception into itself). */
  private IOException failed() {
    return new IOException(failure.getMessage(), failure);
  }

  /** Deflates every chunk in order until the end; after a failure (the scraper gone) only takes them, so the writer never blocks. */
  private void compress() {
    try {
      while (true) {
        byte[] next = full.take();
        if (next == END) {
          return;
        }
        if (failure == null) {
          try {
            gzip.write(next, 0, next.length);
          } catch (IOException e) {
            failure = e;
          }
        }
        free.put(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (compressor != null) {
      try {
        full.put(END);
        compressor.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while finishing a scrape's gzip");
      }
      if (failure != null) {
        throw failed();
      }
    }
    gzip.write(chunk, 0, size);
    gzip.close();
  }
}
