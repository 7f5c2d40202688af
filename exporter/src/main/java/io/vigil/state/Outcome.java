package io.vigil.state;

/**
 * What a committed push changed: reports applied, and job runs already stored under the same run id. With
 * {@code overLimit} set, the push was refused and nothing of it was kept.
 */
public record Outcome(int accepted, int duplicates, LimitExceeded overLimit) {
  static Outcome refused(LimitExceeded overLimit) {
    return new Outcome(0, 0, overLimit);
  }
}
