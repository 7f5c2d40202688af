package io.vigil.store;

/** The store could not do what was asked; nothing of the failed transaction was kept. */
public class StoreException extends Exception {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
