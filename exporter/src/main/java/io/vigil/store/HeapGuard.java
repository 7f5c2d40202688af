package io.vigil.store;

/**
 * Stops loading a state that would not fit in the heap, before the JVM runs out of memory (with
 * {@code -XX:+ExitOnOutOfMemoryError} it would end without saying what to raise). The loaded state may take
 * two thirds of the maximum heap; the rest is for serving (a scrape of a large fleet allocates as it goes).
 * A full GC runs only once the heap in use passes that, to tell the live state from garbage (so the guard
 * needs explicit GCs: not {@code -XX:+DisableExplicitGC}).
 */
final class HeapGuard {
  private static final int CHECK_EVERY = 256;
  private static final long MIB = 1024 * 1024;
  private static final long SUGGESTION_STEP = 64 * MIB;

  private final Runtime runtime;
  private final long rows;
  private final long limit;
  private long trigger;
  private long loaded;

  /** {@code rows}: how many states the load reads in all. */
  HeapGuard(Runtime runtime, long rows) {
    this.runtime = runtime;
    this.rows = rows;
    this.limit = runtime.maxMemory() / 3 * 2;
    this.trigger = limit;
  }

  /** Called after each state read. */
  void loaded() throws HeapTooSmallException {
    if (++loaded % CHECK_EVERY != 0 || used() < trigger) {
      return;
    }
    runtime.gc();
    long live = used();
    if (live > limit) {
      throw tooSmall("after reading " + loaded + " of " + rows + " jobs and devices, " + live / MIB + " MiB of the "
          + runtime.maxMemory() / MIB + " MiB maximum heap are in use", suggestion(live));
    }
    trigger = Math.max(limit, live + (runtime.maxMemory() - live) / 2);
  }

  /** When the JVM ran out of memory all the same (a heap far too small for even one check). */
  HeapTooSmallException outOfMemory() {
    return tooSmall("the JVM ran out of memory while reading it (maximum heap " + runtime.maxMemory() / MIB + " MiB)",
        runtime.maxMemory() * 2);
  }

  private HeapTooSmallException tooSmall(String what, long suggested) {
    long mib = (suggested + SUGGESTION_STEP - 1) / SUGGESTION_STEP * SUGGESTION_STEP / MIB;
    return new HeapTooSmallException("the stored state (" + rows + " jobs and devices) does not fit in this JVM's heap: "
        + what + ". Start Java with a larger maximum heap, e.g. java -Xmx" + mib + "m -jar vigil-exporter.jar ...");
  }

  /** The whole state at the density measured so far, in two thirds of the heap. */
  private long suggestion(long live) {
    return (long) ((double) live / loaded * rows * 3 / 2);
  }

  private long used() {
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
