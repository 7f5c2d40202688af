package io.vigil.store;

/** The stored state does not fit in the Java heap; the message says which -Xmx to start with. */
public final class HeapTooSmallException extends StoreException {
  HeapTooSmallException(String message) {
    super(message, null);
  }
}
