package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.demo.DemoFleet;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.ExporterProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as the README shows it: the jar with --demo takes mail on a loopback port, and Debian's swaks (installed
 * by the test command; this test fails, never skips, without it) delivers notifications that show up in /metrics.
 */
class MailSwaksIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  record Swaks(int exitCode, String output) {}

  static Swaks swaks(int port, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--to", DemoFleet.MAIL_ADDRESS));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("swaks is required for this test: apt-get install swaks (bash .ci/test installs it)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Swaks(process.exitValue(), output);
  }

  static Exposition metrics(URI base) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics"))
        .header("Authorization", "Bearer " + DemoFleet.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Exposition.parse(response.body());
  }

  @Test
  void aVeeamNotificationSentWithSwaksToTheDemoIsInTheMetricsWithinASecond() throws Exception {
    int smtp = ExporterProcess.freePort();
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + dir), "--demo",
        "--smtp-listen", "127.0.0.1:" + smtp)) {
      assertThat(vigil.log()).as("the banner").contains("notification mails to " + DemoFleet.MAIL_ADDRESS)
          .contains("swaks --server 127.0.0.1:" + smtp);

      Swaks sent = swaks(smtp, "--from", "veeam@alpine-dental.example", "--header", "Subject: [Success] Nightly SQL (3 objects)",
          "--body", "Backup job: Nightly SQL\nDuration: 0:10:00\nTransferred: 1.5 GB\n");
      long acknowledged = System.nanoTime();
      assertThat(sent.exitCode()).as(sent.output()).isZero();
      assertThat(sent.output()).contains("<-  250 2.0.0 kept");
      String[] job = {"tenant", "northwind", "customer", "alpine-dental.example", "device", "veeam@alpine-dental.example",
          "backup_job", "Nightly SQL"};
      String[] ok = {"tenant", "northwind", "customer", "alpine-dental.example", "device", "veeam@alpine-dental.example",
          "backup_job", "Nightly SQL", "status", "ok"};
      double seen = 0;
      while (seen != 1 && System.nanoTime() - acknowledged < Duration.ofSeconds(1).toNanos()) {
        seen = metrics(vigil.uri()).find("vigil_job_status", ok).map(Exposition.Sample::value).orElse(0.0);
      }
      assertThat(seen).as("vigil_job_status{status=\"ok\"} of the mailed job within a second of the 250").isEqualTo(1);
      assertThat(metrics(vigil.uri()).value("vigil_job_last_run_bytes", job)).isEqualTo(1.5e9);
      assertThat(metrics(vigil.uri()).value("vigil_email_messages_total", "tenant", "northwind", "result", "accepted")).isEqualTo(1);
    }
  }

  @Test
  void aWholeMessageFileSentWithSwaksAndAnUnknownAddressRefused() throws Exception {
    int smtp = ExporterProcess.freePort();
    Path csv = dir.resolve("csv-report.eml");
    Files.write(csv, io.vigil.mail.Fixtures.mail("csv-report.eml"));
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + dir), "--demo",
        "--smtp-listen", "127.0.0.1:" + smtp)) {
      Swaks sent = swaks(smtp, "--from", "reports@rmm.example", "--data", "@" + csv);
      assertThat(sent.exitCode()).as(sent.output()).isZero();
      // Its status depends on the fixture's age under the wall clock (failed, then overdue a day later): the run is the point.
      String[] fs01 = {"tenant", "northwind", "customer", "Granite Bank", "device", "SRV-FS01"};
      Exposition metrics = metrics(vigil.uri());
      assertThat(metrics.value("vigil_job_last_run_timestamp_seconds", fs01)).as("the CSV row's backup date")
          .isEqualTo(Instant.parse("2026-11-30T01:30:00Z").getEpochSecond());
      assertThat(metrics.value("vigil_job_consecutive_failures", fs01)).as("its run failed").isEqualTo(1);

      List<String> command = List.of("swaks", "--server", "127.0.0.1:" + smtp, "--to", "reports@contoso.demo.vigil", "--from",
          "veeam@alpine-dental.example");
      Process refused = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(refused.exitValue()).as(output).isNotZero();
      assertThat(output).contains("<** 550 5.1.1 no such mailbox here");
    }
  }
}
