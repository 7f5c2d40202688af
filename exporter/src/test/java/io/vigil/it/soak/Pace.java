package io.vigil.it.soak;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A steady rate: step {@code i} is due at {@code i * period}. A late step is made up for by the next
 * ones coming sooner, so the average rate holds; more than a second behind, the schedule starts afresh.
 */
final class Pace {
  private static final long MAX_LAG = Duration.ofSeconds(1).toNanos();

  @FunctionalInterface
  interface Step {
    void run(long index) throws InterruptedException;
  }

  private Pace() {}

  static void repeat(Duration period, BooleanSupplier running, Step step) throws InterruptedException {
    long next = System.nanoTime();
    for (long i = 0; running.getAsBoolean(); i++) {
      step.run(i);
      next += period.toNanos();
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } else if (wait < -MAX_LAG) {
        next = System.nanoTime();
      }
    }
  }
}
