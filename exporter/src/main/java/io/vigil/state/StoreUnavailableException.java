package io.vigil.state;

/** A write was not made durable (disk full, read-only, I/O error, or the writer is overloaded or stopped). */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
