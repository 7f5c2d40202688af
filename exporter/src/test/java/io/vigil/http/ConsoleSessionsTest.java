package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.KeyRole;
import io.vigil.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  static final Grant READ = new Grant("digest", "acme", KeyRole.READ, "acme read key");
  final TestClock clock = new TestClock(Instant.parse("2026-11-25T06:00:00Z"));
  final ConsoleSessions sessions = new ConsoleSessions(clock);

  @Test
  void aSessionHoldsTheGrantAndRandomIdsNeverTheKey() {
    ConsoleSessions.Session session = sessions.open(READ).orElseThrow();
    assertThat(sessions.find(session.id())).hasValueSatisfying(s -> assertThat(s.grant()).isEqualTo(READ));
    assertThat(session.id()).hasSize(43).isNotEqualTo(session.csrf());
    assertThat(sessions.open(READ).orElseThrow().id()).isNotEqualTo(session.id());
  }

  @Test
  void aSessionEndsAfterThirtyIdleMinutesButAPageViewKeepsItAlive() {
    String id = sessions.open(READ).orElseThrow().id();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(id)).isPresent();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(id)).isPresent();
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    assertThat(sessions.find(id)).isEmpty();
  }

  @Test
  void aSessionEndsTwelveHoursAfterSignInHoweverBusy() {
    String id = sessions.open(READ).orElseThrow().id();
    for (int i = 0; i < 12 * 3; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(sessions.find(id)).as("after %d min", (i + 1) * 20).isPresent();
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.find(id)).isEmpty();
  }

  @Test
  void signOutEndsTheSession() {
    String id = sessions.open(READ).orElseThrow().id();
    sessions.close(id);
    assertThat(sessions.find(id)).isEmpty();
  }

  @Test
  void theCsrfTokenMatchesOnlyItself() {
    ConsoleSessions.Session session = sessions.open(READ).orElseThrow();
    assertThat(session.csrfMatches(session.csrf())).isTrue();
    assertThat(session.csrfMatches(session.csrf() + "x")).isFalse();
    assertThat(session.csrfMatches(null)).isFalse();
  }

  @Test
  void sessionsAreBoundedAndExpiredOnesMakeRoom() {
    for (int i = 0; i < ConsoleSessions.MAX; i++) {
      assertThat(sessions.open(READ)).isPresent();
    }
    assertThat(sessions.open(READ)).isEmpty();
    clock.advance(ConsoleSessions.IDLE.plusSeconds(1));
    assertThat(sessions.open(READ)).isPresent();
  }
}
