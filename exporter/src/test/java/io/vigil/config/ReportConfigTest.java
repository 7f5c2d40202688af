package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reports sections: every key loads, defaults apply, and each broken rule is refused naming its key. */
class ReportConfigTest {
  final ConfigLoader loader = new ConfigLoader();

  @Test
  void everyReportKeyLoads() throws Exception {
    VigilConfig config = loader.load(ConfigLoaderTest.fixture("good-reports.yml"));
    ReportsConfig reports = config.reports();
    assertThat(reports.smtp()).isEqualTo(new SmtpConfig("smtp.example.net", 587, SmtpSecurity.STARTTLS, null, null,
        "Vigil reports <reports@example.net>", 20L, null));
    assertThat(reports.linkBase()).isEqualTo("https://vigil.example.net");
    assertThat(reports.checkInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(reports.maxAttempts()).isEqualTo(8);
    assertThat(reports.workShare()).isEqualTo(0.5);
    TenantReports acme = config.reportsFor("acme");
    assertThat(acme.dailyDigest()).isEqualTo(new TenantReports.DigestSchedule("07:30",
        List.of("noc@acme.example", "Night Shift <night@acme.example>")));
    assertThat(acme.monthly()).isEqualTo(new TenantReports.MonthlySchedule(2, "09:15"));
    assertThat(acme.branding()).isEqualTo(new TenantReports.Branding("ACME IT", null, "#102030", "#ff8800",
        "ACME IT, +49 30 1234567, support@acme.example"));
    assertThat(acme.recipientsOf("Alpine Dental")).get().extracting(TenantReports.ReportRecipients::recipients)
        .isEqualTo(List.of("it@alpine.example"));
  }

  @Test
  void withoutReportSectionsNothingIsMailedAndTheDefaultsApply(@TempDir Path dir) throws Exception {
    VigilConfig config = loader.load(Files.writeString(dir.resolve("vigil.yml"), "tenants:\n  - account: acme\n"));
    assertThat(config.reports()).isEqualTo(ReportsConfig.standard());
    assertThat(config.reports().smtp()).isNull();
    assertThat(config.reports().workShare()).isEqualTo(0.25);
    assertThat(config.reportsFor("acme")).isEqualTo(TenantReports.standard());
    assertThat(config.reportsFor("unknown")).isEqualTo(TenantReports.standard());
  }

  @Test
  void theSecurityGivesTheDefaultPort() {
    assertThat(new SmtpConfig("h", null, null, null, null, "a@b.c", null, null).port()).isEqualTo(587);
    assertThat(new SmtpConfig("h", null, SmtpSecurity.TLS, null, null, "a@b.c", null, null).port()).isEqualTo(465);
    assertThat(new SmtpConfig("h", null, SmtpSecurity.NONE, null, null, "a@b.c", null, null).port()).isEqualTo(25);
  }

  @Test
  void retriesDoubleFromTheFirstPauseUpToTheLongest() {
    ReportsConfig reports = new ReportsConfig(null, null, null, 60L, 300L, null, null);
    assertThat(List.of(1, 2, 3, 4, 10).stream().map(reports::retryAfter).map(Duration::toSeconds).toList())
        .containsExactly(60L, 120L, 240L, 300L, 300L);
  }

  @Test
  void thePasswordIsReadFromItsFileAtEachUse(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("smtp.pass"), "first\n");
    SmtpConfig smtp = new SmtpConfig("h", null, null, "vigil", file.toString(), "a@b.c", null, null);
    assertThat(smtp.password()).isEqualTo("first");
    Files.writeString(file, "second\n");
    assertThat(smtp.password()).isEqualTo("second");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "invalid-report-digest-time.yml          | tenants[0].reports.daily_digest.time: must be HH:MM on a 24-hour clock, got '25:00'",
      "invalid-report-digest-no-recipients.yml | tenants[0].reports.daily_digest.recipients: at least one address is required",
      "invalid-report-recipient.yml            | tenants[0].reports.daily_digest.recipients[1]: not an email address: 'not an address'",
      "invalid-report-monthly-day.yml          | tenants[0].reports.monthly.day: must be 1 to 28",
      "invalid-report-monthly-time.yml         | tenants[0].reports.monthly.time: must be HH:MM on a 24-hour clock, got '8am'",
      "invalid-report-monthly-no-customers.yml | tenants[0].reports.monthly: no customer has recipients",
      "invalid-report-customer-no-recipients.yml | tenants[0].reports.customers[0].recipients: at least one address is required",
      "invalid-report-no-relay.yml             | tenants[0].reports.daily_digest: mailing the digest needs the relay in reports.smtp",
      "invalid-report-smtp-from.yml            | reports.smtp.from: the sender address is required",
      "invalid-report-smtp-port.yml            | reports.smtp.port: must be 1 to 65535",
      "invalid-report-password-file.yml        | reports.smtp.password_file: cannot read /nonexistent/vigil/smtp.pass",
      "invalid-report-smtp-ca-file.yml         | reports.smtp.ca_file: ",
      "invalid-report-smtp-ca-file-plain.yml   | reports.smtp.ca_file: only used with security starttls or tls",
      "invalid-report-smtp-security.yml        | reports.smtp.security: Cannot deserialize value of type `io.vigil.config.SmtpSecurity`",
      "invalid-report-colour.yml               | tenants[0].reports.branding.primary_colour: must be #RRGGBB, got 'blue'",
      "invalid-report-unknown-key.yml          | tenants[0].reports.daily_digest.recipient: unknown key",
      "invalid-report-link-base.yml            | reports.link_base: must be an absolute http or https URL",
      "invalid-report-retry.yml                | reports.retry_max_seconds: must be at least reports.retry_first_seconds (600)",
      "invalid-report-work-share.yml           | reports.work_share: must be above 0 and at most 1 (the share of the time reports made one after another may take), got 1.5",
  })
  void eachBrokenReportRuleIsRefusedNamingTheKey(String file, String expected) {
    assertThatThrownBy(() -> loader.load(ConfigLoaderTest.fixture(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
