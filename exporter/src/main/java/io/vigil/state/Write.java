package io.vigil.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A unit of work queued for the {@link Recorder}'s writer, and its outcome once durable. A waiter that gives
 * up takes the unit back first, atomically: the writer then never applies it, so a 503 means nothing was kept.
 * A unit the writer has already taken is awaited to its real outcome.
 */
public final class Write<T> {
  private enum Stage { QUEUED, TAKEN, ABANDONED }

  private final AtomicReference<Stage> stage = new AtomicReference<>(Stage.QUEUED);
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final Duration timeout;

  Write(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * The outcome once the write is durable. Throws {@link StoreUnavailableException} when it failed, or when the
   * writer had not taken it within the timeout or before an interrupt (it never will then).
   */
  public T await() {
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (TimeoutException e) {
      if (abandon()) {
        throw new StoreUnavailableException("the store did not take the write within " + timeout.toSeconds() + " s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (abandon()) {
        throw new StoreUnavailableException("interrupted while waiting for the store", null);
      }
    }
    try {
      return result.join();
    } catch (CompletionException e) {
      throw failure(e.getCause());
    }
  }

  /** For whoever does not wait (maintenance): completes when the write is durable or has failed. */
  public CompletableFuture<T> future() {
    return result;
  }

  private boolean abandon() {
    return stage.compareAndSet(Stage.QUEUED, Stage.ABANDONED);
  }

  private static StoreUnavailableException failure(Throwable cause) {
    return cause instanceof StoreUnavailableException u ? u : new StoreUnavailableException("the write failed", cause);
  }

  /** The writer takes the unit; false when its waiter gave up first (the unit must not be applied). */
  boolean take() {
    return stage.compareAndSet(Stage.QUEUED, Stage.TAKEN);
  }

  void fail(StoreUnavailableException failure) {
    result.completeExceptionally(failure);
  }

  @SuppressWarnings("unchecked")
  void complete(Object value) {
    result.complete((T) value);
  }
}
