package io.vigil.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** At most so many messages per client address in a minute (counted from the address's first message of the minute). */
final class AddressRate {
  private final IntSupplier perMinute;
  private final Cache<String, AtomicInteger> counts;

  AddressRate(IntSupplier perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.counts = Caffeine.newBuilder()
        .expireAfterWrite(Duration.ofMinutes(1))
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .maximumSize(100_000)
        .build();
  }

  /** Counts one message from the address; false when it is over the limit. */
  boolean admit(String address) {
    return counts.get(address, a -> new AtomicInteger()).incrementAndGet() <= perMinute.getAsInt();
  }
}
