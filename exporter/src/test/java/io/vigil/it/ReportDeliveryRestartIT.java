package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.HangingRelay;
import io.vigil.testsupport.KeysYaml;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter as a process, killed with SIGKILL in the middle of mailing its digest (the relay has the mail's data but
 * has not accepted it): after a restart the digest arrives exactly once, and later restarts never send it again.
 */
class ReportDeliveryRestartIT {
  /**
   * The digest's time of day: ten minutes ago (UTC), so it is due at the start and not again for almost a day, even when
   * the test runs over midnight (a digest at 00:00 fell due again then).
   */
  static final LocalDateTime DIGEST_DUE = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
  static final int TIMEOUT_SECONDS = 3;
  /** The claim's lease: the relay timeout for each of 8 round trips and the one recipient. */
  static final int LEASE_SECONDS = TIMEOUT_SECONDS * 9;

  @TempDir
  Path dir;

  Path config(int relayPort) throws Exception {
    String yaml = KeysYaml.of("admin-key", "acme", "acme-push", "acme-read")
        + "    reports:\n"
        + "      daily_digest: {time: \"" + DIGEST_DUE.toLocalTime() + "\", recipients: [noc@acme.example]}\n"
        + "reports:\n"
        + "  check_interval_seconds: 1\n"
        + "  smtp: {host: 127.0.0.1, port: " + relayPort + ", security: none, from: vigil@msp.example, timeout_seconds: "
        + TIMEOUT_SECONDS + "}\n";
    return Files.writeString(dir.resolve("vigil.yml"), yaml);
  }

  @Test
  void aDeliveryCutOffByAKillArrivesOnceAfterTheRestartAndNeverAgain() throws Exception {
    Path data = dir.resolve("data");
    HangingRelay hanging = new HangingRelay();
    int port = hanging.port();
    Path config = config(port);
    String[] args = {"--config", config.toString(), "--data-dir", data.toString()};
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), args)) {
      assertThat(hanging.awaitDataEnd(30)).as("the exporter sent the digest's data to the relay").isTrue();
      vigil.kill9();
    }
    hanging.close();

    GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    try {
      try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), args)) {
        assertThat(relay.waitForIncomingEmail((LEASE_SECONDS + 30) * 1000L, 1))
            .as("the digest arrives once the killed sender's claim has run out").isTrue();
        Thread.sleep(3_000);
        assertThat(relay.getReceivedMessages()).as("after a few more passes").hasSize(1);
        assertThat(vigil.stop()).isZero();
      }
      try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), args)) {
        Thread.sleep(3_000);
        assertThat(vigil.log()).doesNotContain("mailed the daily report");
        vigil.stop();
      }
      MimeMessage[] received = relay.getReceivedMessages();
      assertThat(received).as("after another restart").hasSize(1);
      assertThat(received[0].getAllRecipients()).extracting(Object::toString).containsExactly("noc@acme.example");
      assertThat(received[0].getSubject()).contains("daily digest").contains("all clear");
    } finally {
      relay.stop();
    }
  }
}
