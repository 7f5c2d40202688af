package io.vigil.it;

import static io.vigil.testsupport.Pushes.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.Limits;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitIT {
  @TempDir
  Path dir;

  @Test
  void aKeyOverItsRateGets429WithRetryAfterWhileOtherKeysGoOn() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-25T06:00:00Z"));
    Limits limits = new Limits(null, null, null, null, 2.0, 3);
    try (RunningExporter vigil = RunningExporter.start(RunningExporter.config(dir, limits), null, clock)) {
      for (int i = 0; i < 3; i++) {
        assertThat(vigil.post("/api/v1/heartbeats", "acme-push", heartbeat("a", "b", 30)).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = vigil.post("/api/v1/heartbeats", "acme-push", heartbeat("a", "b", 30));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(limited.body()).contains("too_many_requests");
      assertThat(vigil.post("/api/v1/heartbeats", "globex-push", heartbeat("a", "b", 30)).statusCode())
          .as("another tenant's key has its own bucket").isEqualTo(200);
      clock.advance(Duration.ofMillis(500));
      assertThat(vigil.post("/api/v1/heartbeats", "acme-push", heartbeat("a", "b", 30)).statusCode()).isEqualTo(200);
      assertThat(vigil.metrics().value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "rate_limited"))
          .isEqualTo(1);
    }
  }
}
