package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);
  static final DeliveryKey KEY = new DeliveryKey("acme", "monthly", "Dental", "2026-11");

  static Delivery firstClaim() {
    return Delivery.claim(KEY, Optional.empty(), T0, LEASE).orElseThrow();
  }

  @Test
  void aDeliveryNeverClaimedIsClaimedForItsFirstAttemptWithALease() {
    Delivery claim = firstClaim();
    assertThat(claim.state()).isEqualTo(DeliveryState.SENDING);
    assertThat(claim.attempts()).isEqualTo(1);
    assertThat(claim.until()).isEqualTo(T0.plus(LEASE));
  }

  @Test
  void aClaimWhoseLeaseIsRunningBelongsToItsSender() {
    assertThat(Delivery.claim(KEY, Optional.of(firstClaim()), T0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();
  }

  @Test
  void aClaimWhoseLeaseRanOutIsTakenAgainAsTheNextAttempt() {
    Delivery again = Delivery.claim(KEY, Optional.of(firstClaim()), T0.plus(LEASE), LEASE).orElseThrow();
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.state()).isEqualTo(DeliveryState.SENDING);
  }

  @Test
  void aSentDeliveryIsNeverClaimedAgain() {
    Delivery sent = firstClaim().sent(T0.plusSeconds(3));
    assertThat(sent.settled()).isTrue();
    assertThat(Delivery.claim(KEY, Optional.of(sent), T0.plus(Duration.ofDays(30)), LEASE)).isEmpty();
  }

  @Test
  void aFailedAttemptWaitsForItsRetryAndIsClaimedWhenItComes() {
    Delivery failed = firstClaim().failed(T0.plusSeconds(1), "421 busy", Duration.ofMinutes(2), 3);
    assertThat(failed.state()).isEqualTo(DeliveryState.RETRY);
    assertThat(Delivery.claim(KEY, Optional.of(failed), T0.plusSeconds(120), LEASE)).as("a second before the retry").isEmpty();
    assertThat(Delivery.claim(KEY, Optional.of(failed), T0.plusSeconds(121), LEASE)).get()
        .extracting(Delivery::attempts).isEqualTo(2);
  }

  @Test
  void theLastAllowedAttemptFailingGivesUp() {
    Delivery third = new Delivery(KEY, DeliveryState.SENDING, 3, T0.plus(LEASE), null, null, T0);
    Delivery outcome = third.failed(T0, "550 no such user", Duration.ofMinutes(1), 3);
    assertThat(outcome.state()).isEqualTo(DeliveryState.GAVE_UP);
    assertThat(outcome.settled()).isTrue();
    assertThat(Delivery.claim(KEY, Optional.of(outcome), T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
  }

  @Test
  void everyAttemptOfADeliveryCarriesTheSameMessageIdAndOtherDeliveriesOthers() {
    assertThat(new DeliveryKey("acme", "monthly", "Dental", "2026-11").messageId()).isEqualTo(KEY.messageId())
        .startsWith("<monthly.2026-11.").endsWith("@vigil.acme>");
    assertThat(new DeliveryKey("acme", "monthly", "Dental", "2026-10").messageId()).isNotEqualTo(KEY.messageId());
    assertThat(new DeliveryKey("acme", "monthly", "Dental East", "2026-11").messageId()).isNotEqualTo(KEY.messageId());
  }
}
