package io.vigil.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PDFs made by a child JVM ({@link RenderWorker}) started from the exporter's own class path, at nice 19 and in the
 * idle scheduling policy where {@code nice} and {@code chrt} exist (see {@link BackgroundThreads}). A PDF takes tens of
 * milliseconds of CPU and allocates hundreds of kilobytes per page of short-lived objects; in the exporter's heap that
 * garbage makes young collections longer and more frequent, and every pause stops the pushes too. In a process of its
 * own, with its own small heap, rendering costs the pushes only the CPU the scheduler gives it at the lowest priority.
 * The child starts at the first render, is restarted after it failed or took longer than {@code timeout}, stops after
 * {@code idle} without a render, and ends with the exporter (its input closes).
 * One render at a time; callers wait their turn.
 */
public final class RenderProcess implements Reports.Renderer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenderProcess.class);
  /** The largest PDF taken back from the child. */
  private static final int MAX_PDF_BYTES = 256 << 20;

  private final List<String> command;
  private final Duration timeout;
  private final Duration idle;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vigil-render-watchdog");
    t.setDaemon(true);
    return t;
  });
  /** Written under this object's lock; read without it by {@link #close} to end a render in progress. */
  private volatile Process child;
  private DataOutputStream pages;
  private DataInputStream answers;
  private ScheduledFuture<?> idleStop;
  private long lastRenderNanos;

  public RenderProcess(Duration timeout, Duration idle) {
    this(command(), timeout, idle);
  }

  RenderProcess(List<String> command, Duration timeout, Duration idle) {
    this.command = command;
    this.timeout = timeout;
    this.idle = idle;
  }

  /** This JVM's java on this JVM's class path, a small heap and the serial collector (one render at a time), niced and idle. */
  static List<String> command() {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
      command.addAll(List.of("/usr/bin/nice", "-n", "19"));
    }
    if (Files.isExecutable(Path.of("/usr/bin/chrt"))) {
      command.addAll(List.of("/usr/bin/chrt", "--idle", "0"));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), RenderWorker.class.getName()));
    return command;
  }

  @Override
  public synchronized byte[] render(String xhtml) throws IOException {
    if (idleStop != null) {
      idleStop.cancel(false);
    }
    if (watchdog.isShutdown()) {
      throw new IOException("the exporter is stopping: no more PDFs are rendered");
    }
    Process process = started();
    ScheduledFuture<?> kill = watchdog.schedule(process::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
    byte status;
    byte[] body;
    try {
      byte[] page = xhtml.getBytes(StandardCharsets.UTF_8);
      pages.writeInt(page.length);
      pages.write(page);
      pages.flush();
      status = answers.readByte();
      int length = answers.readInt();
      if (length < 0 || length > MAX_PDF_BYTES) {
        throw new IOException("the render process answered a length of " + length + " bytes");
      }
      body = answers.readNBytes(length);
      if (body.length < length) {
        throw new IOException("the render process ended in the middle of a PDF");
      }
    } catch (IOException e) {
      boolean timedOut = !kill.cancel(false);
      stop();
      throw new IOException(timedOut ? "the PDF took longer than " + Durations.describe(timeout) + " to render"
          : "the render process failed (" + e.getMessage() + "); it is started again for the next PDF", e);
    }
    kill.cancel(false);
    lastRenderNanos = System.nanoTime();
    try {
      idleStop = watchdog.schedule(this::stopIdle, idle.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // close() is ending the child: nothing to stop later
    }
    if (status != RenderWorker.PDF) {
      throw new IOException(new String(body, StandardCharsets.UTF_8));
    }
    return body;
  }

  /** The process ID of the running child, for tests; -1 when none runs. */
  synchronized long pid() {
    return child != null && child.isAlive() ? child.pid() : -1;
  }

  private Process started() throws IOException {
    if (child != null && child.isAlive()) {
      return child;
    }
    child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    pages = new DataOutputStream(new BufferedOutputStream(child.getOutputStream(), 1 << 16));
    answers = new DataInputStream(new BufferedInputStream(child.getInputStream(), 1 << 16));
    log.info("started the PDF render process (pid {})", child.pid());
    return child;
  }

  private synchronized void stopIdle() {
    if (System.nanoTime() - lastRenderNanos >= idle.toNanos()) {
      stop();
    }
  }

  private void stop() {
    if (child == null) {
      return;
    }
    try {
      pages.close();
    } catch (IOException alreadyGone) {
      // the child ended first
    }
    child.destroy();
    try {
      if (!child.waitFor(5, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    child = null;
  }

  /** Ends the child at once, a PDF in progress too (its caller gets an IOException), and waits for it to go. */
  @Override
  public void close() {
    watchdog.shutdownNow();
    Process running = child;
    if (running != null) {
      running.destroy();
    }
    synchronized (this) {
      stop();
    }
  }
}
