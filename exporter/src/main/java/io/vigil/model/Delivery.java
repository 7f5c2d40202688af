package io.vigil.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What is known of one report's delivery, kept in the store so that a restart neither loses nor repeats it.
 *
 * <p>The rule: a sender first commits a claim ({@link DeliveryState#SENDING}, with a lease that outlasts the longest a
 * send may take), then talks to the relay, then commits {@link DeliveryState#SENT}. A claim whose lease is still running
 * belongs to a live sender and is left alone; a claim whose lease ran out belongs to a sender that died mid-send and is
 * taken again. The relay did not accept a mail whose send broke off before the end of its data, so taking it again
 * sends it once. The one window left is the moment between the relay's acceptance and the commit of {@code SENT}
 * (one fsync): a crash there sends the mail again with the same Message-ID ({@link DeliveryKey#messageId()}), which
 * receiving mail systems treat as the same message. A failed send waits {@code until} its retry; after the last attempt
 * the delivery is {@link DeliveryState#GAVE_UP}. A report with nothing in it is {@link DeliveryState#SKIPPED}.
 *
 * @param until the lease's end while {@code SENDING}, the next attempt's time while {@code RETRY}, else null
 */
public record Delivery(DeliveryKey key, DeliveryState state, int attempts, Instant until, Instant sentAt, String lastError,
    Instant updatedAt) {
  /**
   * Times to the millisecond, as the stores keep them: a claim is compared with its row read back ({@code settle}), and a
   * finer clock would make them differ, leave the outcome unrecorded and send the report again once the claim ran out.
   */
  public Delivery {
    until = millis(until);
    sentAt = millis(sentAt);
    updatedAt = millis(updatedAt);
  }

  private static Instant millis(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The claim a sender takes now, or empty when the delivery is settled, held by a live sender or waiting for its retry. */
  public static Optional<Delivery> claim(DeliveryKey key, Optional<Delivery> current, Instant now, Duration lease) {
    if (current.isEmpty()) {
      return Optional.of(new Delivery(key, DeliveryState.SENDING, 1, now.plus(lease), null, null, now));
    }
    Delivery d = current.get();
    boolean free = switch (d.state) {
      case SENT, GAVE_UP, SKIPPED -> false;
      case SENDING, RETRY -> !now.isBefore(d.until);
    };
    return free ? Optional.of(new Delivery(key, DeliveryState.SENDING, d.attempts + 1, now.plus(lease), null, d.lastError, now))
        : Optional.empty();
  }

  /** True once nothing more will be sent for it. */
  public boolean settled() {
    return state == DeliveryState.SENT || state == DeliveryState.GAVE_UP || state == DeliveryState.SKIPPED;
  }

  public Delivery skipped(Instant now) {
    return new Delivery(key, DeliveryState.SKIPPED, attempts, null, null, null, now);
  }

  public Delivery sent(Instant now) {
    return new Delivery(key, DeliveryState.SENT, attempts, null, now, lastError, now);
  }

  /** After a failed attempt: a retry after {@code pause}, or given up when this was attempt {@code maxAttempts}. */
  public Delivery failed(Instant now, String error, Duration pause, int maxAttempts) {
    return attempts >= maxAttempts ? new Delivery(key, DeliveryState.GAVE_UP, attempts, null, null, error, now)
        : new Delivery(key, DeliveryState.RETRY, attempts, now.plus(pause), null, error, now);
  }
}
