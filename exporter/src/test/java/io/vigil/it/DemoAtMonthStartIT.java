package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Exporter;
import io.vigil.demo.DemoConnector;
import io.vigil.demo.DemoFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo started around the turn of a month (its clock moved there, still ticking): every customer's default monthly
 * report is non-trivial whatever the hour, although the new month has no finished night until 06:00 on its 2nd. At
 * 00:30 on the 1st the default report (of the month of the current night) had no finished night to show.
 */
class DemoAtMonthStartIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-01T00:30:00Z", "2026-12-01T07:00:00Z", "2026-12-02T05:30:00Z", "2026-12-02T06:05:00Z",
      "2027-03-01T03:00:00Z"})
  void everyDemoCustomerHasANonTrivialDefaultMonthlyReport(String at) throws Exception {
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(at)));
    Path data = Files.createDirectories(dir.resolve(at.replace(':', '-')));
    try (DemoConnector connector = DemoConnector.start(clock);
        Exporter exporter = Exporter.start(DemoFleet.config(connector).withListenAndDataDir("127.0.0.1:0", data.toString()), null,
            clock, started -> new DemoFleet(started.uri(), clock).start())) {
      int sites = 0;
      for (String account : DemoFleet.accounts()) {
        sites += DemoIT.assertDefaultMonthlyReports(exporter.uri(), account, clock.instant());
      }
      assertThat(sites).as("customers with a site server").isPositive();
    }
  }
}
