package io.vigil.it.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Every request of the soak that went wrong: all counted, the first few kept for the failure message. */
final class Problems {
  private static final int KEPT = 5;

  private final AtomicLong count = new AtomicLong();
  private final List<String> first = new ArrayList<>();

  void add(String what) {
    if (count.incrementAndGet() <= KEPT) {
      synchronized (first) {
        first.add(what);
      }
    }
  }

  long count() {
    return count.get();
  }

  List<String> first() {
    synchronized (first) {
      return List.copyOf(first);
    }
  }
}
