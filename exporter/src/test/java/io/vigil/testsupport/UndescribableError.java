package io.vigil.testsupport;

/** An error that cannot even be described: whoever logs it gets another one. */
public final class UndescribableError extends Error {
  @Override
  public String getMessage() {
    throw new IllegalStateException("no description");
  }

  @Override
  public String toString() {
    throw new IllegalStateException("no description");
  }
}
