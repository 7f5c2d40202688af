package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.vigil.config.LiveConfig;
import io.vigil.config.ReportsConfig;
import io.vigil.config.SmtpConfig;
import io.vigil.config.SmtpSecurity;
import io.vigil.config.TenantConfig;
import io.vigil.config.TenantReports;
import io.vigil.config.VigilConfig;
import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeliveryState;
import io.vigil.state.Fleet;
import io.vigil.state.Recorder;
import io.vigil.store.SqliteStore;
import io.vigil.store.Store;
import io.vigil.testsupport.FaultyStore;
import io.vigil.testsupport.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler with a real store, writer and SMTP server on loopback, driven pass by pass with a clock moved by hand:
 * each due report is mailed once, a failed send is retried after its pause and counted, and what the store says was
 * sent is never sent again, by this scheduler or the next one (a restart).
 */
class ReportSchedulerTest {
  static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");
  static final DeliveryKey DIGEST = new DeliveryKey("acme", "daily", "", "2026-12-02");

  @TempDir
  Path dir;
  final TestClock clock = new TestClock(T0);
  GreenMail relay;
  Store store;
  Recorder recorder;
  PrometheusRegistry registry = new PrometheusRegistry();
  DeliveryMetrics metrics = new DeliveryMetrics(registry);
  /** Sends that fail before the relay is reached, counted down. */
  final AtomicInteger failuresLeft = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    relay = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    openStore();
  }

  void openStore() throws Exception {
    store = SqliteStore.open(dir);
    recorder = new Recorder(store, Fleet.of(store.load()), clock, 100, Duration.ofSeconds(10));
  }

  void restartStore() throws Exception {
    recorder.close();
    store.close();
    openStore();
  }

  @AfterEach
  void stop() {
    recorder.close();
    store.close();
    relay.stop();
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  VigilConfig config() {
    SmtpConfig smtp = new SmtpConfig("127.0.0.1", relay.getSmtp().getPort(), SmtpSecurity.NONE, null, null, "vigil@msp.example", 5L, null);
    TenantConfig acme = new TenantConfig("acme", "ACME", null, null, List.of()).withReports(new TenantReports(
        new TenantReports.DigestSchedule("07:00", List.of("noc@acme.example", "boss@acme.example")), null, null, null));
    return new VigilConfig(null, dir.toString(), List.of(), null, null, List.of(acme), null, null, null,
        new ReportsConfig(smtp, null, 1L, 60L, 600L, 3, null));
  }

  ReportScheduler scheduler() {
    return scheduler(store);
  }

  ReportScheduler scheduler(Store ledgerStore) {
    Mailer flaky = mail -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new Mailer.MailFailure("421 the relay is busy", null);
      }
      new SmtpMailer(config().reports().smtp()).send(mail);
    };
    ReportScheduler.MailComposer composer = due -> Optional.of(new OutgoingMail(due.recipients(), "digest " + due.key().period(),
        "<p>all clear</p>", "all clear", List.of(), due.key().messageId()));
    return new ReportScheduler(new LiveConfig(config(), null), clock, new DeliveryLedger(ledgerStore, recorder), composer, smtp -> flaky,
        metrics);
  }

  double deliveries(String result) {
    return registry.scrape().stream().filter(s -> s.getMetadata().getPrometheusName().equals("vigil_report_deliveries"))
        .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
        .filter(p -> p.getLabels().get("result").equals(result)).mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }

  @Test
  void aReplicaThatDoesNotLeadSendsNothingUntilItLeads() throws Exception {
    FaultyStore replica = new FaultyStore(store);
    replica.lead(false);
    ReportScheduler scheduler = scheduler(replica);
    scheduler.runOnce();
    assertThat(relay.getReceivedMessages()).as("sent by a replica without the lease").isEmpty();
    assertThat(store.deliveries(Instant.EPOCH)).as("claimed by a replica without the lease").isEmpty();

    replica.lead(true);
    scheduler.runOnce();
    assertThat(relay.getReceivedMessages()).as("sent once it leads, to each recipient").hasSize(2);
  }

  @Test
  void aDueDigestIsMailedOnceToEveryRecipientWithItsMessageId() throws Exception {
    ReportScheduler scheduler = scheduler();
    scheduler.runOnce();
    scheduler.runOnce();
    clock.advance(Duration.ofHours(23));
    scheduler.runOnce();
    MimeMessage[] received = relay.getReceivedMessages();
    assertThat(received).as("one copy per recipient").hasSize(2);
    assertThat(received[0].getSubject()).isEqualTo("digest 2026-12-02");
    assertThat(received[0].getMessageID()).isEqualTo(DIGEST.messageId());
    assertThat(store.deliveries(Instant.EPOCH)).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo(DIGEST);
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).isEqualTo(1);
    });
    assertThat(deliveries(DeliveryMetrics.SENT)).isEqualTo(1);
  }

  @Test
  void theNextDaysDigestIsMailedWhenItIsDue() throws Exception {
    ReportScheduler scheduler = scheduler();
    scheduler.runOnce();
    clock.advance(Duration.ofDays(1));
    scheduler.runOnce();
    assertThat(relay.getReceivedMessages()).extracting(MimeMessage::getSubject)
        .containsExactlyInAnyOrder("digest 2026-12-02", "digest 2026-12-02", "digest 2026-12-03", "digest 2026-12-03");
  }

  @Test
  void aFailedSendIsCountedAndRetriedAfterItsPauseThenSentOnce() throws Exception {
    failuresLeft.set(2);
    ReportScheduler scheduler = scheduler();
    scheduler.runOnce();
    assertThat(deliveries(DeliveryMetrics.FAILED)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(59));
    scheduler.runOnce();
    assertThat(deliveries(DeliveryMetrics.FAILED)).as("no attempt before the first pause (60 s) is over").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    scheduler.runOnce();
    assertThat(deliveries(DeliveryMetrics.FAILED)).isEqualTo(2);
    clock.advance(Duration.ofSeconds(119));
    scheduler.runOnce();
    assertThat(relay.getReceivedMessages()).as("the second pause doubles to 120 s").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    scheduler.runOnce();
    scheduler.runOnce();
    assertThat(relay.getReceivedMessages()).hasSize(2);
    assertThat(deliveries(DeliveryMetrics.SENT)).isEqualTo(1);
    assertThat(store.deliveries(Instant.EPOCH)).singleElement().extracting(Delivery::attempts).isEqualTo(3);
  }

  @Test
  void theLastAllowedAttemptFailingGivesUpForGood() throws Exception {
    failuresLeft.set(3);
    ReportScheduler scheduler = scheduler();
    for (int pass = 0; pass < 10; pass++) {
      scheduler.runOnce();
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(deliveries(DeliveryMetrics.FAILED)).isEqualTo(2);
    assertThat(deliveries(DeliveryMetrics.GAVE_UP)).isEqualTo(1);
    assertThat(relay.getReceivedMessages()).isEmpty();
    assertThat(store.deliveries(Instant.EPOCH)).singleElement().extracting(Delivery::state).isEqualTo(DeliveryState.GAVE_UP);
  }

  @Test
  void aRestartAfterTheSendNeverSendsItAgain() throws Exception {
    scheduler().runOnce();
    restartStore();
    ReportScheduler restarted = scheduler();
    restarted.runOnce();
    clock.advance(Duration.ofHours(1));
    restarted.runOnce();
    assertThat(relay.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aClaimLeftBySenderThatDiedIsTakenAgainOnceItsLeaseRunsOutAndSentOnce() throws Exception {
    // What a sender that died between its claim and the relay's answer leaves behind.
    new DeliveryLedger(store, recorder).claim(DIGEST, T0, Duration.ofSeconds(35));
    restartStore();
    ReportScheduler restarted = scheduler();
    restarted.runOnce();
    assertThat(relay.getReceivedMessages()).as("while the dead sender's lease runs").isEmpty();
    clock.advance(Duration.ofSeconds(35));
    restarted.runOnce();
    restarted.runOnce();
    assertThat(relay.getReceivedMessages()).hasSize(2).allSatisfy(m -> assertThat(m.getMessageID()).isEqualTo(DIGEST.messageId()));
    assertThat(store.deliveries(Instant.EPOCH)).singleElement().satisfies(d -> {
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).isEqualTo(2);
    });
  }

  @Test
  void aDigestDueWhileTheExporterWasDownIsSentAtTheFirstPass() throws Exception {
    clock.advance(Duration.ofHours(5));
    scheduler().runOnce();
    assertThat(relay.getReceivedMessages()).extracting(MimeMessage::getSubject).containsOnly("digest 2026-12-02").hasSize(2);
  }
}
