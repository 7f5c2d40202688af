package io.vigil.report;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * PDFs one at a time, whoever asks for them (the report endpoint's request threads, the scheduler's mails). At most
 * {@code waiting} requests wait behind the one being rendered; one more is refused at once rather than held, so a burst
 * of report requests cannot pile up threads.
 */
public final class RenderQueue {
  private final Renderer renderer;
  private final int waiting;
  private final Semaphore admitted;

  /** {@code renderer}: a {@link RenderProcess} in the exporter. */
  public RenderQueue(Renderer renderer, int waiting) {
    this.renderer = renderer;
    this.waiting = waiting;
    this.admitted = new Semaphore(1 + waiting);
  }

  /** The PDF of an XHTML page; {@link Full} when {@code waiting} requests already wait. */
  public byte[] render(String xhtml) throws IOException, Full {
    if (!admitted.tryAcquire()) {
      throw new Full(waiting);
    }
    try {
      synchronized (renderer) {
        return renderer.render(xhtml);
      }
    } finally {
      admitted.release();
    }
  }

  /** XHTML to PDF. */
  @FunctionalInterface
  public interface Renderer {
    byte[] render(String xhtml) throws IOException;
  }

  /** Too many PDFs asked for at once: ask again in a moment. */
  public static final class Full extends Exception {
    Full(int waiting) {
      super("a PDF is being rendered and " + waiting + " more wait; ask again in a few seconds");
    }
  }
}
