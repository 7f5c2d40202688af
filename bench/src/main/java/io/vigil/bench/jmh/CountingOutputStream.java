package io.vigil.bench.jmh;

import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes a scrape writes, so a benchmark measures rendering, not copying. */
final class CountingOutputStream extends OutputStream {
  private long bytes;

  @FunctionalInterface
  interface Rendering {
    void writeTo(OutputStream out) throws IOException;
  }

  /** The bytes the rendering writes (returned, so that JMH keeps the work). */
  static long bytesOf(Rendering rendering) throws IOException {
    CountingOutputStream out = new CountingOutputStream();
    rendering.writeTo(out);
    return out.bytes;
  }

  @Override
  public void write(int b) {
    bytes++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    bytes += len;
  }
}
