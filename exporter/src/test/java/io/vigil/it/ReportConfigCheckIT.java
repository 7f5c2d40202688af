package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testsupport.KeysYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check-config} on the jar: every broken report setting at once, each named by its key's path, exit code 2. */
class ReportConfigCheckIT {
  @TempDir
  Path dir;

  @Test
  void checkConfigNamesEveryBrokenReportSettingByItsPath() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yml"), KeysYaml.of("admin", "acme", "acme-push", "acme-read")
        + "    time_zone: Mars/Olympus_Mons\n"
        + "    reports:\n"
        + "      daily_digest: {time: \"7:30pm\"}\n"
        + "      monthly: {day: 30}\n"
        + "      customers:\n"
        + "        - {customer: Alpine Dental, recipients: [\"it at alpine\"]}\n"
        + "reports:\n"
        + "  smtp: {host: smtp.example.net, port: 0, from: reports@example.net}\n");
    Process check = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "vigil-exporter.jar").toAbsolutePath().toString(), "--config", bad.toString(), "--check-config"))
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("tenants[0].time_zone")
        .contains("tenants[0].reports.daily_digest.time: must be HH:MM on a 24-hour clock, got '7:30pm'")
        .contains("tenants[0].reports.daily_digest.recipients: at least one address is required")
        .contains("tenants[0].reports.monthly.day: must be 1 to 28")
        .contains("tenants[0].reports.customers[0].recipients[0]: not an email address: 'it at alpine'")
        .contains("reports.smtp.port: must be 1 to 65535");
  }
}
