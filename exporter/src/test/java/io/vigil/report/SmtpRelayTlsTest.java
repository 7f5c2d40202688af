package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.vigil.config.LiveConfig;
import io.vigil.config.ReportsConfig;
import io.vigil.config.SmtpConfig;
import io.vigil.config.SmtpSecurity;
import io.vigil.config.TenantConfig;
import io.vigil.config.TenantReports;
import io.vigil.config.VigilConfig;
import io.vigil.model.DeliveryState;
import io.vigil.state.Fleet;
import io.vigil.state.Recorder;
import io.vigil.store.SqliteStore;
import io.vigil.store.Store;
import io.vigil.testsupport.TestClock;
import io.vigil.tls.KeyMaterial;
import io.vigil.tls.testsupport.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Reports to a relay over TLS, through the scheduler and {@link SmtpMailer} to a real SMTP server on loopback
 * (SubEthaSMTP) whose certificate comes from a test CA: delivered over STARTTLS and over implicit TLS when the CA is
 * the one configured in {@code ca_file}; refused, counted as failed and retried, never sent in plain text, when the
 * relay's certificate is from another CA or the relay offers no STARTTLS.
 */
class SmtpRelayTlsTest {
  static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");

  @TempDir
  Path dir;
  final TestClock clock = new TestClock(T0);
  final PrometheusRegistry registry = new PrometheusRegistry();
  final DeliveryMetrics metrics = new DeliveryMetrics(registry);
  /** The recipients of what the relay took. */
  final List<String> received = new CopyOnWriteArrayList<>();
  TestPki trusted;
  TestPki rogue;
  SMTPServer relay;
  Store store;
  Recorder recorder;

  @BeforeEach
  void start() throws Exception {
    trusted = TestPki.create(dir, "relay");
    rogue = TestPki.create(dir, "rogue");
    store = SqliteStore.open(dir);
    recorder = new Recorder(store, Fleet.of(store.load()), clock, 100, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    if (relay != null) {
      relay.stop();
    }
    recorder.close();
    store.close();
  }

  /** A server context presenting a certificate of {@code ca} for 127.0.0.1. */
  SSLContext relayContext(TestPki ca) throws Exception {
    TestPki.Issued relayCert = ca.issue("relay", "127.0.0.1", "localhost");
    return KeyMaterial.sslContext(KeyMaterial.pem(relayCert.certFile(), relayCert.keyFile()), null);
  }

  SMTPServer.Builder relayOnLoopback() {
    return SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).simpleMessageListener(new SimpleMessageListener() {
      @Override
      public boolean accept(String from, String recipient) {
        return true;
      }

      @Override
      public void deliver(String from, String recipient, InputStream data) throws IOException {
        data.readAllBytes();
        received.add(recipient);
      }
    });
  }

  void start(SMTPServer.Builder builder) {
    relay = builder.build();
    relay.start();
  }

  /** STARTTLS with {@code ca}'s certificate; {@code required} false lets a client that fell back to plain text through. */
  void startStartTlsRelay(TestPki ca, boolean required) throws Exception {
    start(relayOnLoopback().enableTLS().requireTLS(required).startTlsSocketFactory(relayContext(ca)));
  }

  void startImplicitTlsRelay(TestPki ca) throws Exception {
    start(relayOnLoopback().serverSocketFactory(relayContext(ca)));
  }

  ReportScheduler scheduler(SmtpSecurity security) {
    SmtpConfig smtp = new SmtpConfig("127.0.0.1", relay.getPortAllocated(), security, null, null, "vigil@msp.example", 5L,
        trusted.caFile().toString());
    TenantConfig acme = new TenantConfig("acme", "ACME", null, null, List.of()).withReports(new TenantReports(
        new TenantReports.DigestSchedule("07:00", List.of("noc@acme.example")), null, null, null));
    VigilConfig config = new VigilConfig(null, dir.toString(), List.of(), null, null, List.of(acme), null, null, null,
        new ReportsConfig(smtp, null, 1L, 60L, 600L, 3, null));
    ReportScheduler.MailComposer composer = due -> Optional.of(new OutgoingMail(due.recipients(), "digest " + due.key().period(),
        "<p>all clear</p>", "all clear", List.of(), due.key().messageId()));
    return new ReportScheduler(new LiveConfig(config, null), clock, new DeliveryLedger(store, recorder), composer, SmtpMailer::new,
        metrics);
  }

  double deliveries(String result) {
    return registry.scrape().stream().filter(s -> s.getMetadata().getPrometheusName().equals("vigil_report_deliveries"))
        .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
        .filter(p -> p.getLabels().get("result").equals(result)).mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }

  @Test
  void aReportIsDeliveredOverStartTlsToARelayOfTheConfiguredCa() throws Exception {
    startStartTlsRelay(trusted, true);
    scheduler(SmtpSecurity.STARTTLS).runOnce();
    assertThat(received).as("taken by a relay that requires STARTTLS").containsExactly("noc@acme.example");
    assertThat(deliveries(DeliveryMetrics.SENT)).isEqualTo(1);
  }

  @Test
  void aReportIsDeliveredOverImplicitTlsToARelayOfTheConfiguredCa() throws Exception {
    startImplicitTlsRelay(trusted);
    scheduler(SmtpSecurity.TLS).runOnce();
    assertThat(received).containsExactly("noc@acme.example");
    assertThat(deliveries(DeliveryMetrics.SENT)).isEqualTo(1);
  }

  @Test
  void aStartTlsRelayWithAnUntrustedCertificateFailsTheSendAndIsRetriedNeverInPlainText() throws Exception {
    startStartTlsRelay(rogue, false);
    assertFailsAndIsRetried(scheduler(SmtpSecurity.STARTTLS));
  }

  @Test
  void anImplicitTlsRelayWithAnUntrustedCertificateFailsTheSendAndIsRetried() throws Exception {
    startImplicitTlsRelay(rogue);
    assertFailsAndIsRetried(scheduler(SmtpSecurity.TLS));
  }

  @Test
  void aRelayThatOffersNoStartTlsGetsNothingInPlainText() throws Exception {
    start(relayOnLoopback());
    assertFailsAndIsRetried(scheduler(SmtpSecurity.STARTTLS));
  }

  void assertFailsAndIsRetried(ReportScheduler scheduler) throws Exception {
    scheduler.runOnce();
    assertThat(deliveries(DeliveryMetrics.FAILED)).as("the failed send is counted").isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));
    scheduler.runOnce();
    assertThat(deliveries(DeliveryMetrics.FAILED)).as("and tried again after its pause").isEqualTo(2);
    assertThat(received).as("nothing reached the relay, in plain text or otherwise").isEmpty();
    assertThat(deliveries(DeliveryMetrics.SENT)).isZero();
    assertThat(store.deliveries(Instant.EPOCH)).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.state()).isNotEqualTo(DeliveryState.SENT);
    });
  }
}
