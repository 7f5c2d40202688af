package io.vigil.push;

import java.util.List;

/** A push that is refused as a whole; nothing of it is written. {@code status} is the HTTP status (4xx). */
public class PushRejected extends Exception {
  private final int status;
  private final List<Problem> problems;

  public PushRejected(int status, String message, List<Problem> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public int status() {
    return status;
  }

  public List<Problem> problems() {
    return problems;
  }
}
