package io.vigil.it.soak;

import java.util.ArrayList;
import java.util.List;

/** Request latencies, for percentiles. */
final class Latencies {
  private final List<Long> nanos = new ArrayList<>();

  synchronized void add(long value) {
    nanos.add(value);
  }

  synchronized int count() {
    return nanos.size();
  }

  /** The nearest-rank percentile, in milliseconds. */
  synchronized double millis(double percentile) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = nanos.stream().sorted().toList();
    int rank = (int) Math.ceil(percentile / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }
}
