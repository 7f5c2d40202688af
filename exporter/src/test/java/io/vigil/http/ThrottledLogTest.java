package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {
  final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
  final Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
  final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  final ThrottledLog log = new ThrottledLog(logger, clock, Duration.ofMinutes(1));

  ThrottledLogTest() {
    lines.start();
    logger.addAppender(lines);
  }

  @Test
  void logsOneLinePerSubjectAndPeriodAndCountsTheOnesLeftOut() {
    for (int i = 0; i < 5; i++) {
      log.warn("acme 400", "refused " + i);
    }
    log.warn("globex 400", "other subject");
    clock.advance(Duration.ofSeconds(59));
    log.warn("acme 400", "still inside the minute");
    clock.advance(Duration.ofSeconds(1));
    log.warn("acme 400", "next minute");

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "refused 0", "other subject", "next minute (5 more like it not logged in the last 60 s)");
  }

  @Test
  void clientTextIsOneShortLine() {
    assertThat(ThrottledLog.quote("a\nforged line\r\u0000")).isEqualTo("a forged line  ");
    assertThat(ThrottledLog.quote("x".repeat(1_000))).hasSize(303);
  }
}
