package io.vigil.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vigil.config.Limits;
import io.vigil.config.LiveConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per key, so one noisy site cannot starve the others. Rate and burst come from the
 * configuration in force; without {@code requests_per_second_per_key} every request passes.
 */
final class RateLimiter {
  private final LiveConfig config;
  private final Clock clock;
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
      .expireAfterAccess(Duration.ofMinutes(10))
      .maximumSize(1_000_000)
      .build();

  RateLimiter(LiveConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Takes one token for the key; when none is left, returns how long until there is one. */
  Optional<Duration> acquire(String keyId) {
    Limits limits = config.current().limits();
    if (limits.requestsPerSecondPerKey() == null) {
      return Optional.empty();
    }
    Bucket bucket = buckets.get(keyId, k -> new Bucket(limits.burstPerKey(), clock.millis()));
    return bucket.take(limits.requestsPerSecondPerKey(), limits.burstPerKey(), clock.millis());
  }

  private static final class Bucket {
    private double tokens;
    private long lastMillis;

    Bucket(double tokens, long nowMillis) {
      this.tokens = tokens;
      this.lastMillis = nowMillis;
    }

    synchronized Optional<Duration> take(double perSecond, int burst, long nowMillis) {
      tokens = Math.min(burst, tokens + Math.max(0, nowMillis - lastMillis) * perSecond / 1000.0);
      lastMillis = Math.max(lastMillis, nowMillis);
      if (tokens >= 1) {
        tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / perSecond)));
    }
  }
}
