package io.vigil.config;

/** Bounds on what a push may contain. */
public record Limits(Integer maxBodyBytes, Integer maxBatchItems, Integer maxNameLength, Integer maxMessageLength) {
  public Limits {
    maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : 1_048_576;
    maxBatchItems = maxBatchItems != null ? maxBatchItems : 1_000;
    maxNameLength = maxNameLength != null ? maxNameLength : 128;
    maxMessageLength = maxMessageLength != null ? maxMessageLength : 1_024;
  }

  public static Limits standard() {
    return new Limits(null, null, null, null);
  }
}
