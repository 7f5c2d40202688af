package io.vigil.config;

/**
 * Bounds on what a push may contain, and on how often one key may call: {@code requestsPerSecondPerKey}
 * with bursts of {@code burstPerKey} (absent: no limit).
 */
public record Limits(Integer maxBodyBytes, Integer maxBatchItems, Integer maxNameLength, Integer maxMessageLength,
    Double requestsPerSecondPerKey, Integer burstPerKey) {
  public Limits {
    maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : 1_048_576;
    maxBatchItems = maxBatchItems != null ? maxBatchItems : 1_000;
    maxNameLength = maxNameLength != null ? maxNameLength : 128;
    maxMessageLength = maxMessageLength != null ? maxMessageLength : 1_024;
    if (burstPerKey == null && requestsPerSecondPerKey != null) {
      burstPerKey = (int) Math.max(1, Math.ceil(requestsPerSecondPerKey * 2));
    }
  }

  public static Limits standard() {
    return new Limits(null, null, null, null, null, null);
  }
}
