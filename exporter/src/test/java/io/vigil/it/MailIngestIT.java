package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Exporter;
import io.vigil.config.MailAddressConfig;
import io.vigil.config.MailRuleConfig;
import io.vigil.config.MailListenerConfig;
import io.vigil.config.TenantMail;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.mail.Fixtures;
import io.vigil.store.StoreException;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.FaultyStore;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.SmtpClient;
import io.vigil.testsupport.SmtpClient.Reply;
import io.vigil.testsupport.TestClock;
import io.vigil.tls.testsupport.TestPki;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notification mails over real SMTP conversations on loopback (a raw client that sees every reply, and the Angus
 * client): each fixture becomes its exact job reports in /metrics and /runs, addresses decide the tenant, the final
 * 250 comes only after the commit, and the listener's bounds hold.
 */
class MailIngestIT {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final String ACME = "backups-7f3k2@vigil.test";
  static final String ACME_GRANITE = "granite-k2@vigil.test";
  static final String GLOBEX = "globex-q1w2@vigil.test";
  static final ObjectMapper JSON = new ObjectMapper();
  static final MailRuleConfig BACKUPBOX = new MailRuleConfig("backupbox", "@backupbox\\.example$",
      "job \"(?<job>[^\"]+)\" on host (?<device>\\S+) finished: (?<status>\\w+)", "Customer: (?<customer>.+)", null, null, null,
      Map.of("COMPLETED_OK", "success", "FAILED", "failed"));

  @TempDir
  Path dir;
  FaultyStore store;

  static MailListenerConfig smtp() {
    return new MailListenerConfig("127.0.0.1:0", "vigil.test", null, null, null, null, null, null, null, null);
  }

  VigilConfig config(MailListenerConfig smtp, TlsConfig tls) {
    VigilConfig base = RunningExporter.config(dir.resolve("data"));
    return new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null, List.of(
        RunningExporter.tenant("acme").withMail(new TenantMail(List.of(new MailAddressConfig(ACME, null),
            new MailAddressConfig(ACME_GRANITE, "Granite Bank")), null)),
        RunningExporter.tenant("globex").withMail(new TenantMail(List.of(new MailAddressConfig(GLOBEX, null)), List.of(BACKUPBOX)))),
        tls, null, null, null, smtp);
  }

  RunningExporter start(MailListenerConfig smtp) throws Exception {
    return RunningExporter.start(config(smtp, null), new TestClock(NOW), new Exporter.Writing(opened -> store = new FaultyStore(opened),
        Exporter.Writing.DEFAULT.ackTimeout()));
  }

  static InetSocketAddress smtpOf(RunningExporter vigil) {
    return vigil.exporter().smtpAddress().orElseThrow();
  }

  static Reply send(RunningExporter vigil, String fixture, String... to) throws Exception {
    try (SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      assertThat(client.greeting().code()).isEqualTo(220);
      Reply reply = client.send("sender@example.net", List.of(to), Fixtures.mail(fixture));
      client.command("QUIT");
      return reply;
    }
  }

  static Reply send(RunningExporter vigil, byte[] message) throws Exception {
    try (SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      client.greeting();
      return client.send("sender@example.net", List.of(ACME), message);
    }
  }

  static JsonNode runs(RunningExporter vigil, String tenant, String customer, String device, String job) throws Exception {
    HttpResponse<String> response = vigil.get("/tenants/" + tenant + "/runs?customer=" + enc(customer) + "&device=" + enc(device)
        + "&job=" + enc(job), tenant + "-read");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("runs");
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static double mails(RunningExporter vigil, String tenant, String result) throws Exception {
    return vigil.metrics().value("vigil_email_messages_total", "tenant", tenant, "result", result);
  }

  @Test
  void eachVeeamNotificationBecomesItsExactJobReport() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      for (String fixture : List.of("veeam-success-html.eml", "veeam-warning-alternative.eml", "veeam-failed-latin1.eml")) {
        Reply reply = send(vigil, fixture, ACME);
        assertThat(reply.code()).as(fixture + ": " + reply.text()).isEqualTo(250);
      }
      Exposition metrics = vigil.metrics();
      String[] nightly = {"tenant", "acme", "customer", "alpine-dental.example", "device", "veeam@alpine-dental.example", "backup_job",
          "Nightly SQL"};
      assertThat(metrics.jobStatus(nightly)).isEqualTo("ok");
      assertThat(metrics.value("vigil_job_last_run_timestamp_seconds", nightly)).isEqualTo(Instant.parse("2026-11-30T02:15:00Z")
          .getEpochSecond());
      assertThat(metrics.value("vigil_job_last_run_duration_seconds", nightly)).isEqualTo(870);
      assertThat(metrics.value("vigil_job_last_run_bytes", nightly)).isEqualTo(20_500_000_000d);
      assertThat(metrics.jobStatus("customer", "baker-law.example", "backup_job", "File server")).isEqualTo("warning");
      assertThat(metrics.jobStatus("customer", "cedar-clinic.example", "device", "veeam@cedar-clinic.example", "backup_job",
          "Compta été")).isEqualTo("failed");
      assertThat(mails(vigil, "acme", "accepted")).isEqualTo(3);

      JsonNode run = runs(vigil, "acme", "alpine-dental.example", "veeam@alpine-dental.example", "Nightly SQL").get(0);
      assertThat(run.get("status").asText()).isEqualTo("success");
      assertThat(run.get("started_at").asText()).isEqualTo("2026-11-30T02:00:30Z");
      assertThat(run.get("ended_at").asText()).isEqualTo("2026-11-30T02:15:00Z");
      assertThat(run.get("bytes").asLong()).isEqualTo(20_500_000_000L);
      assertThat(run.get("message").asText()).isEqualTo("3 object(s)");
      assertThat(run.get("run_id").asText()).startsWith("mail-");
    }
  }

  @Test
  void aVeeamAgentForLinuxMailFromVeeMailBecomesTheHostsJobReport() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      Reply reply = send(vigil, "veeam-linux-veemail-warning.eml", ACME);
      assertThat(reply.code()).as(reply.text()).isEqualTo(250);
      String[] web = {"tenant", "acme", "customer", "fjord.example", "device", "SRV-WEB01", "backup_job", "Backup Job SRV-WEB01"};
      Exposition metrics = vigil.metrics();
      assertThat(metrics.jobStatus(web)).isEqualTo("warning");
      assertThat(metrics.value("vigil_job_last_run_duration_seconds", web)).isEqualTo(1180);
      assertThat(metrics.value("vigil_job_last_run_bytes", web)).isEqualTo(1.4e9);
      JsonNode run = runs(vigil, "acme", "fjord.example", "SRV-WEB01", "Backup Job SRV-WEB01").get(0);
      assertThat(run.get("status").asText()).isEqualTo("warning");
      assertThat(run.get("started_at").asText()).isEqualTo("2026-11-30T01:00:32Z");
      assertThat(run.get("ended_at").asText()).isEqualTo("2026-11-30T01:20:12Z");
      assertThat(run.get("message").asText()).isEqualTo("[Warning] SRV-WEB01 - Monday, 30 November 2026 01:00:05");
    }
  }

  @Test
  void eachRowOfACsvReportBecomesAReportOfItsClient() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "csv-report.eml", ACME).code()).isEqualTo(250);
      Exposition metrics = vigil.metrics();
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "Granite Bank", "device", "SRV-DC01", "backup_job", "System State"))
          .isEqualTo("ok");
      assertThat(metrics.value("vigil_job_last_run_bytes", "customer", "Granite Bank", "device", "SRV-DC01")).isEqualTo(1.5e9);
      assertThat(metrics.jobStatus("customer", "Granite Bank", "device", "SRV-FS01", "backup_job", "Backup Report")).isEqualTo("failed");
      assertThat(metrics.jobStatus("customer", "Harbor Hotel", "device", "WS-07, Front desk", "backup_job", "Documents"))
          .isEqualTo("warning");
      JsonNode run = runs(vigil, "acme", "Harbor Hotel", "WS-07, Front desk", "Documents").get(0);
      assertThat(run.get("ended_at").asText()).isEqualTo("2026-11-30T02:00:00Z");
      assertThat(run.get("bytes").asLong()).isEqualTo(2048);
    }
  }

  @Test
  void windowsServerBackupMailsSentByAForwardingTaskBecomeTheHostsJobReports() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      for (String fixture : List.of("wsb-task-failure.eml", "wsb-task-success.eml", "wsb-event-warning.eml")) {
        Reply reply = send(vigil, fixture, ACME);
        assertThat(reply.code()).as(fixture + ": " + reply.text()).isEqualTo(250);
      }
      Exposition metrics = vigil.metrics();
      String[] dc = {"tenant", "acme", "customer", "contoso.com", "device", "SRV-DC01", "backup_job", "Windows Server Backup"};
      assertThat(metrics.jobStatus(dc)).isEqualTo("failed");
      assertThat(metrics.value("vigil_job_last_run_timestamp_seconds", dc)).isEqualTo(Instant.parse("2026-11-30T01:30:00Z").getEpochSecond());
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "contoso.com", "device", "SRV-FS01", "backup_job", "Windows Server Backup"))
          .isEqualTo("ok");
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "email.com", "device", "WS-RECEPTION", "backup_job",
          "Windows Server Backup")).isEqualTo("warning");
      assertThat(mails(vigil, "acme", "accepted")).isEqualTo(3);

      JsonNode run = runs(vigil, "acme", "contoso.com", "SRV-DC01", "Windows Server Backup").get(0);
      assertThat(run.get("status").asText()).isEqualTo("failed");
      assertThat(run.get("ended_at").asText()).isEqualTo("2026-11-30T01:30:00Z");
      assertThat(run.get("message").asText()).isEqualTo("A backup on SRV-DC01 has failed.");
      JsonNode cancelled = runs(vigil, "acme", "email.com", "WS-RECEPTION", "Windows Server Backup").get(0);
      assertThat(cancelled.get("status").asText()).isEqualTo("warning");
      assertThat(cancelled.get("message").asText()).isEqualTo("Backup was cancelled.");
    }
  }

  @Test
  void shadowProtectCoveAndBackupAssistEventsForwardedByATaskBecomeTheHostsJobReports() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      for (String fixture : List.of("shadowprotect-event-failed.eml", "shadowprotect-spx-success.eml", "cove-event-warning.eml",
          "backupassist-event-error.eml")) {
        Reply reply = send(vigil, fixture, ACME);
        assertThat(reply.code()).as(fixture + ": " + reply.text()).isEqualTo(250);
      }
      Exposition metrics = vigil.metrics();
      String[] hotel = {"tenant", "acme", "customer", "harbor-hotel.example", "device", "SRV-HOTEL01", "backup_job", "ShadowProtect"};
      assertThat(metrics.jobStatus(hotel)).isEqualTo("failed");
      assertThat(metrics.value("vigil_job_last_run_timestamp_seconds", hotel)).isEqualTo(Instant.parse("2026-11-30T04:10:00Z")
          .getEpochSecond());
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "cedar-clinic.example", "device", "SRV-CLINIC02", "backup_job",
          "ShadowProtect SPX")).isEqualTo("ok");
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "baker-law.example", "device", "SRV-APP02", "backup_job",
          "Cove Data Protection")).isEqualTo("warning");
      assertThat(metrics.value("vigil_job_info", "customer", "harbor-hotel.example", "product", "shadowprotect")).isEqualTo(1);
      assertThat(metrics.value("vigil_job_info", "customer", "baker-law.example", "product", "cove")).isEqualTo(1);
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "granite-bank.example", "device", "SRV-BANK03", "backup_job",
          "BackupAssist")).isEqualTo("failed");
      assertThat(mails(vigil, "acme", "accepted")).isEqualTo(4);

      JsonNode failed = runs(vigil, "acme", "harbor-hotel.example", "SRV-HOTEL01", "ShadowProtect").get(0);
      assertThat(failed.get("status").asText()).isEqualTo("failed");
      assertThat(failed.get("ended_at").asText()).isEqualTo("2026-11-30T04:10:00Z");
      assertThat(failed.get("message").asText()).isEqualTo("The backup job \"Nightly C:\" failed.");
      JsonNode cove = runs(vigil, "acme", "baker-law.example", "SRV-APP02", "Cove Data Protection").get(0);
      assertThat(cove.get("status").asText()).isEqualTo("warning");
      assertThat(cove.get("ended_at").asText()).isEqualTo("2026-11-30T06:30:00Z");
      assertThat(cove.get("message").asText()).isEqualTo("Backup session finished: CompletedWithErrors. Errors count: 3");
    }
  }

  @Test
  void malformedMimeAndAnUnknownCharsetStillGiveTheirReports() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "wrong-charset.eml", ACME).code()).isEqualTo(250);
      assertThat(send(vigil, "malformed-multipart.eml", ACME).code()).isEqualTo(250);
      Exposition metrics = vigil.metrics();
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "evergreen.example", "backup_job", "Schüler-Daten")).isEqualTo("ok");
      assertThat(metrics.value("vigil_job_last_run_duration_seconds", "backup_job", "Schüler-Daten")).isEqualTo(60);
      assertThat(metrics.jobStatus("tenant", "acme", "customer", "fjord.example", "backup_job", "Drawings")).isEqualTo("ok");
      byte[] garbage = "\u0000\u00ff: :\r\n--\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n=?x?Q?"
          .getBytes(StandardCharsets.ISO_8859_1);
      Reply kept = send(vigil, garbage);
      assertThat(kept.code()).as("bytes that are no mail at all: kept as unparsed, %s", kept.text()).isEqualTo(250);
      assertThat(mails(vigil, "acme", "unparsed")).isEqualTo(1);
    }
  }

  @Test
  void aCustomersOwnAddressNamesTheCustomerWhereTheParserDoesNot() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "veeam-success-html.eml", ACME_GRANITE).code()).isEqualTo(250);
      assertThat(vigil.metrics().jobStatus("tenant", "acme", "customer", "Granite Bank", "device", "veeam@alpine-dental.example",
          "backup_job", "Nightly SQL")).isEqualTo("ok");
    }
  }

  @Test
  void aMailNoParserUnderstandsIsKeptListedWithTheReadKeyAndCounted() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "unknown-product.eml", ACME).code()).isEqualTo(250);
      HttpResponse<String> listed = vigil.get("/tenants/acme/unparsed-mail", "acme-read");
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode mail = JSON.readTree(listed.body()).get("mails").get(0);
      assertThat(mail.get("message_id").asText()).isEqualTo("<bb-0001@backupbox.example>");
      assertThat(mail.get("from").asText()).isEqualTo("noreply@backupbox.example");
      assertThat(mail.get("subject").asText()).startsWith("BackupBox: job \"Laptops\"");
      assertThat(mail.get("reason").asText()).startsWith("no parser recognised it");
      assertThat(mail.get("excerpt").asText()).contains("Customer: Delta Logistics");
      assertThat(mails(vigil, "acme", "unparsed")).isEqualTo(1);
      assertThat(JSON.readTree(vigil.get("/tenants/globex/unparsed-mail", "globex-read").body()).get("mails")).isEmpty();
      assertThat(vigil.get("/tenants/acme/unparsed-mail", "globex-read").statusCode()).isEqualTo(403);

      assertThat(send(vigil, "unknown-product.eml", ACME).code()).as("the same mail again").isEqualTo(250);
      assertThat(JSON.readTree(vigil.get("/tenants/acme/unparsed-mail", "acme-read").body()).get("mails")).hasSize(1);
      assertThat(mails(vigil, "acme", "duplicate")).isEqualTo(1);
    }
  }

  @Test
  void aTenantsRuleReadsWhatNoBuiltInParserDoes() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "unknown-product.eml", GLOBEX).code()).isEqualTo(250);
      assertThat(vigil.metrics().jobStatus("tenant", "globex", "customer", "Delta Logistics", "device", "LT-042", "backup_job", "Laptops"))
          .isEqualTo("ok");
      assertThat(mails(vigil, "globex", "accepted")).isEqualTo(1);
    }
  }

  @Test
  void aMailLandsOnlyInTheTenantsItsRecipientsName() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      // The To header names globex's address; the envelope recipient, acme's, is what counts.
      byte[] mail = new String(Fixtures.mail("veeam-success-html.eml"), StandardCharsets.UTF_8).replace("To: " + ACME, "To: " + GLOBEX)
          .getBytes(StandardCharsets.UTF_8);
      try (SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
        client.greeting();
        assertThat(client.send("veeam@alpine-dental.example", List.of(ACME), mail).code()).isEqualTo(250);
      }
      Exposition metrics = vigil.metrics();
      assertThat(metrics.find("vigil_job_status", "tenant", "acme", "backup_job", "Nightly SQL", "status", "ok")).isPresent();
      assertThat(metrics.samples("vigil_job_status").stream().filter(s -> "globex".equals(s.labels().get("tenant")))).isEmpty();
      assertThat(vigil.scrape("/tenants/globex/metrics", "globex-read").text()).doesNotContain("Nightly SQL");

      assertThat(send(vigil, "veeam-warning-alternative.eml", ACME, GLOBEX).code()).as("one mail to both tenants").isEqualTo(250);
      assertThat(vigil.metrics().jobStatus("tenant", "globex", "backup_job", "File server")).isEqualTo("warning");
      assertThat(vigil.metrics().jobStatus("tenant", "acme", "backup_job", "File server")).isEqualTo("warning");
    }
  }

  @Test
  void anUnknownRecipientIsRefusedAtRcptWith550() throws Exception {
    try (RunningExporter vigil = start(smtp()); SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      client.greeting();
      client.command("EHLO test.example");
      assertThat(client.command("MAIL FROM:<a@example.net>").code()).isEqualTo(250);
      Reply refused = client.command("RCPT TO:<backups-guess@vigil.test>");
      assertThat(refused.code()).isEqualTo(550);
      assertThat(client.command("DATA").code()).as("no recipient was accepted").isEqualTo(503);
      assertThat(mails(vigil, "", "refused")).isEqualTo(1);
    }
  }

  @Test
  void aMessageOverTheSizeLimitIs552AndTheSessionGoesOn() throws Exception {
    MailListenerConfig small = new MailListenerConfig("127.0.0.1:0", null, 2_048, null, null, null, null, null, null, null);
    try (RunningExporter vigil = start(small); SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      client.greeting();
      Reply ehlo = client.command("EHLO test.example");
      assertThat(ehlo.lines()).contains("SIZE 2048");
      assertThat(client.command("MAIL FROM:<a@example.net> SIZE=4096").code()).as("declared too large").isEqualTo(552);
      client.command("RSET");
      byte[] big = ("Subject: [Success] Big (1 objects)\r\nMessage-ID: <big@x>\r\n\r\n" + "x".repeat(70) + "\r\n").repeat(40)
          .getBytes(StandardCharsets.US_ASCII);
      assertThat(client.transaction("a@example.net", List.of(ACME), big).code()).isEqualTo(552);
      assertThat(client.command("RSET").code()).isEqualTo(250);
      assertThat(client.transaction("a@example.net", List.of(ACME), Fixtures.mail("veeam-warning-alternative.eml")).code())
          .as("the next mail on the same session").isEqualTo(250);
      assertThat(vigil.metrics().find("vigil_job_status", "backup_job", "Big")).isEmpty();
      assertThat(mails(vigil, "acme", "refused")).isEqualTo(1);
    }
  }

  @Test
  void aStoreFailureAnswers451AndKeepsNothingAndTheRetryIsAccepted() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "veeam-warning-alternative.eml", ACME).code()).as("a mail before the fault").isEqualTo(250);
      store.failNextCommitWith(new StoreException("injected by the test: disk full", null));
      Reply failed = send(vigil, "veeam-success-html.eml", ACME);
      assertThat(failed.code()).as(failed.text()).isEqualTo(451);
      assertThat(failed.text()).contains("nothing was kept");
      assertThat(vigil.metrics().find("vigil_job_status", "backup_job", "Nightly SQL")).isEmpty();
      assertThat(runs(vigil, "acme", "alpine-dental.example", "veeam@alpine-dental.example", "Nightly SQL")).isEmpty();
      assertThat(mails(vigil, "acme", "refused")).isEqualTo(1);

      assertThat(send(vigil, "veeam-success-html.eml", ACME).code()).as("the sending server's retry").isEqualTo(250);
      assertThat(runs(vigil, "acme", "alpine-dental.example", "veeam@alpine-dental.example", "Nightly SQL")).hasSize(1);
    }
  }

  @Test
  void anUnparsedMailIsNotKeptWhenTheStoreFails() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "veeam-warning-alternative.eml", ACME).code()).as("a mail before the fault").isEqualTo(250);
      store.failNextCommitWith(new StoreException("injected by the test: disk full", null));
      assertThat(send(vigil, "unknown-product.eml", ACME).code()).isEqualTo(451);
      assertThat(JSON.readTree(vigil.get("/tenants/acme/unparsed-mail", "acme-read").body()).get("mails")).isEmpty();
    }
  }

  @Test
  void acknowledgedMailsAndUnparsedOnesSurviveARestart() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "veeam-success-html.eml", ACME).code()).isEqualTo(250);
      assertThat(send(vigil, "unknown-product.eml", ACME).code()).isEqualTo(250);
    }
    try (RunningExporter vigil = start(smtp())) {
      assertThat(runs(vigil, "acme", "alpine-dental.example", "veeam@alpine-dental.example", "Nightly SQL")).hasSize(1);
      assertThat(JSON.readTree(vigil.get("/tenants/acme/unparsed-mail", "acme-read").body()).get("mails")).hasSize(1);
      assertThat(send(vigil, "veeam-success-html.eml", ACME).code()).isEqualTo(250);
      assertThat(mails(vigil, "acme", "duplicate")).as("the same mail after the restart").isEqualTo(1);
    }
  }

  @Test
  void aReDeliveredMailIsADuplicateNotASecondRun() throws Exception {
    try (RunningExporter vigil = start(smtp())) {
      assertThat(send(vigil, "csv-report.eml", ACME).code()).isEqualTo(250);
      assertThat(send(vigil, "csv-report.eml", ACME).code()).isEqualTo(250);
      assertThat(runs(vigil, "acme", "Granite Bank", "SRV-DC01", "System State")).hasSize(1);
      assertThat(vigil.metrics().value("vigil_job_runs_total", "device", "SRV-DC01", "result", "success")).isEqualTo(1);
      assertThat(mails(vigil, "acme", "accepted")).isEqualTo(1);
      assertThat(mails(vigil, "acme", "duplicate")).isEqualTo(1);
    }
  }

  @Test
  void anIdleClientIsDisconnected() throws Exception {
    MailListenerConfig quick = new MailListenerConfig("127.0.0.1:0", null, null, null, null, null, 1, null, null, null);
    try (RunningExporter vigil = start(quick); SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      client.greeting();
      long started = System.nanoTime();
      Reply timeout = client.reply();
      assertThat(timeout.code()).isEqualTo(421);
      assertThat(client.isClosedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aClientThatTricklesCommandsIsDisconnectedWhenItsSessionIsUp() throws Exception {
    MailListenerConfig shortSessions = new MailListenerConfig("127.0.0.1:0", null, null, null, null, null, 5, 2, null, null);
    try (RunningExporter vigil = start(shortSessions); SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      client.greeting();
      long started = System.nanoTime();
      boolean closed = false;
      while (!closed && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
        Thread.sleep(300);
        try {
          closed = client.command("NOOP").code() != 250;
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      assertThat(closed).as("disconnected while sending a NOOP every 300 ms").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(5));
    }
  }

  @Test
  void connectionsBeyondThePerAddressLimitAreRefusedWith421() throws Exception {
    MailListenerConfig two = new MailListenerConfig("127.0.0.1:0", null, null, null, null, 2, null, null, null, null);
    try (RunningExporter vigil = start(two); SmtpClient first = SmtpClient.connect(smtpOf(vigil));
        SmtpClient second = SmtpClient.connect(smtpOf(vigil))) {
      // Greeted one after the other: each session is admitted on its own thread, in whatever order they run.
      assertThat(first.greeting().code()).isEqualTo(220);
      assertThat(second.greeting().code()).isEqualTo(220);
      try (SmtpClient third = SmtpClient.connect(smtpOf(vigil))) {
        Reply refused = third.greeting();
        assertThat(refused.code()).as(refused.text()).isEqualTo(421);
        assertThat(refused.text()).contains("too many connections from your address");
      }
      first.command("QUIT");
      first.close();
      Thread.sleep(200);
      try (SmtpClient fourth = SmtpClient.connect(smtpOf(vigil))) {
        assertThat(fourth.greeting().code()).as("once one has closed").isEqualTo(220);
      }
    }
  }

  @Test
  void messagesBeyondThePerAddressRateAreDeferredWith451() throws Exception {
    MailListenerConfig slow = new MailListenerConfig("127.0.0.1:0", null, null, null, null, null, null, null, 2, null);
    try (RunningExporter vigil = start(slow); SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
      client.greeting();
      client.command("EHLO test.example");
      for (int i = 0; i < 2; i++) {
        assertThat(client.command("MAIL FROM:<a@example.net>").code()).isEqualTo(250);
        client.command("RSET");
      }
      assertThat(client.command("MAIL FROM:<a@example.net>").code()).isEqualTo(451);
    }
  }

  @Test
  void requiredStartTlsRefusesMailBeforeTlsAndTakesItAfter() throws Exception {
    TestPki pki = TestPki.create(dir, "msp");
    TestPki.Issued cert = pki.issue("vigil", "localhost", "127.0.0.1");
    MailListenerConfig required = new MailListenerConfig("127.0.0.1:0", null, null, MailListenerConfig.StartTls.REQUIRED, null, null, null, null, null, null);
    TlsConfig tls = new TlsConfig(cert.certFile().toString(), cert.keyFile().toString(), null, null, null);
    // The wall clock: the certificate was made now, after the other tests' fixed time.
    try (RunningExporter vigil = RunningExporter.start(config(required, tls), null, Clock.systemUTC(),
        HttpClient.newBuilder().sslContext(pki.clientContext(null)).build())) {
      try (SmtpClient client = SmtpClient.connect(smtpOf(vigil))) {
        client.greeting();
        assertThat(client.command("EHLO test.example").lines()).contains("STARTTLS");
        assertThat(client.command("MAIL FROM:<a@example.net>").code()).isEqualTo(530);
        assertThat(client.startTls(pki.clientContext(null)).code()).isEqualTo(220);
        assertThat(client.send("a@example.net", List.of(ACME), Fixtures.mail("veeam-success-html.eml")).code()).isEqualTo(250);
      }

      // The JDK's own mail client (Angus), verifying the exporter's certificate against the test CA.
      Properties props = new Properties();
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
      props.put("mail.smtp.ssl.socketFactory", pki.clientContext(null).getSocketFactory());
      props.put("mail.smtp.ssl.checkserveridentity", "true");
      props.put("mail.smtp.host", "localhost");
      props.put("mail.smtp.port", Integer.toString(smtpOf(vigil).getPort()));
      Session session = Session.getInstance(props);
      MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(Fixtures.mail("csv-report.eml")));
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect();
        transport.sendMessage(message, new InternetAddress[] {new InternetAddress(ACME)});
      }
      // Its status would depend on the fixture's age (a run of 30 November under the wall clock): the run is the point.
      Exposition metrics = vigil.metrics();
      double lastRun = metrics.value("vigil_job_last_run_timestamp_seconds", "tenant", "acme", "device", "SRV-DC01");
      assertThat(lastRun).as("the CSV report's run of SRV-DC01").isPositive();
      assertThat(metrics.value("vigil_job_last_success_timestamp_seconds", "tenant", "acme", "device", "SRV-DC01"))
          .as("a successful run").isEqualTo(lastRun);
    }
  }
}
