package io.vigil.report;

import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.state.Recorder;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store's record of report deliveries, written through the {@link Recorder}'s single writer: each change is
 * durable when its method returns. The rule that makes a delivery happen once is {@link Delivery}'s.
 */
public final class DeliveryLedger {
  private final Store store;
  private final Recorder recorder;

  public DeliveryLedger(Store store, Recorder recorder) {
    this.store = store;
    this.recorder = recorder;
  }

  /**
   * Whether this exporter sends the reports now: always over a store with one writer; over a store shared by replicas,
   * the one that holds the store's lease, so a pass is made by one replica at a time (the claims alone would already
   * keep a report from going out twice).
   */
  public boolean leads() {
    return store.leads();
  }

  /** What a claim found: the claim taken ({@code claimed}), or the delivery as it stands when it could not be taken. */
  public record Claim(Delivery claimed, Delivery current) {}

  /** Takes the delivery for one attempt, in one transaction: read, decide, write. */
  public Claim claim(DeliveryKey key, Instant now, Duration lease) {
    return recorder.transact(tx -> {
      Optional<Delivery> current = tx.delivery(key);
      Optional<Delivery> claimed = Delivery.claim(key, current, now, lease);
      if (claimed.isPresent()) {
        tx.putDelivery(claimed.get());
        return new Claim(claimed.get(), null);
      }
      return new Claim(null, current.orElseThrow());
    }).await();
  }

  /**
   * Records how an attempt ended, unless its claim was taken over meanwhile (its lease ran out and another attempt
   * began): then that attempt's record stands. Returns whether it was recorded.
   */
  public boolean settle(Delivery claim, Delivery outcome) {
    return recorder.transact(tx -> {
      Optional<Delivery> current = tx.delivery(claim.key());
      if (current.isEmpty() || !current.get().equals(claim)) {
        return false;
      }
      tx.putDelivery(outcome);
      return true;
    }).await();
  }

  /** Deliveries changed since {@code since}, as committed. */
  public List<Delivery> since(Instant since) throws StoreException {
    return store.deliveries(since);
  }
}
