package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConfigLoader;
import io.vigil.testsupport.KeysYaml;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports asked for one after another are paced by {@code reports.work_share} (README: Reports), through a real exporter
 * over HTTP: at a share so small that every pause is the longest one (2 s), a report asked for right after another waits
 * for it; one asked for after the pause has passed does not.
 */
class ReportPaceIT {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  @TempDir
  Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    TestClock clock = new TestClock(NOW);
    Path file = Files.writeString(dir.resolve("vigil.yml"), KeysYaml.of("admin", "acme", "acme-push", "acme-read")
        + "reports:\n  work_share: 0.0001\n");
    vigil = RunningExporter.start(new ConfigLoader(clock).load(file).withListenAndDataDir("127.0.0.1:0", dir.resolve("data").toString()),
        file, clock);
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Alpine Dental", "fs01", "nightly", "n1", "success",
        NOW.minus(Duration.ofDays(1))));
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void aReportRightAfterAnotherWaitsForItsPaceAndOneAfterThePauseDoesNot() throws Exception {
    assertThat(timedReport()).as("the first report").isLessThan(LONGEST_PAUSE);
    assertThat(timedReport()).as("a report asked for right after the first").isGreaterThanOrEqualTo(LONGEST_PAUSE.minusMillis(50));
    Thread.sleep(LONGEST_PAUSE.plusMillis(500).toMillis());
    assertThat(timedReport()).as("a report asked for after the pause").isLessThan(LONGEST_PAUSE);
  }

  private Duration timedReport() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(vigil.uri().resolve(
        "/tenants/acme/reports/monthly?format=html&month=2026-11&customer=Alpine%20Dental"))
        .header("Authorization", "Bearer acme-read").build(), HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return took;
  }
}
