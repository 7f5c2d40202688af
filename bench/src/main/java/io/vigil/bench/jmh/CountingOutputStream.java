package io.vigil.bench.jmh;

import java.io.OutputStream;

/** Counts the bytes a scrape writes, so a benchmark measures rendering, not copying. */
final class CountingOutputStream extends OutputStream {
  long bytes;

  @Override
  public void write(int b) {
    bytes++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    bytes += len;
  }
}
