package io.vigil.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** A clock the test moves by hand. */
public final class TestClock extends Clock {
  private volatile Instant now;
  private final AtomicInteger reads = new AtomicInteger();

  public TestClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  public void set(Instant instant) {
    now = instant;
  }

  /** How often the time was read: whether (and how often) the code under test looked at the clock. */
  public int reads() {
    return reads.get();
  }

  @Override
  public Instant instant() {
    reads.incrementAndGet();
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
