package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The smtp section and the tenants' mail sections: loaded as written, every bad value refused naming its key. */
class ConfigLoaderMailTest {
  final ConfigLoader loader = new ConfigLoader();

  static Path fixture(String name) throws Exception {
    return Path.of(ConfigLoaderMailTest.class.getResource("/config/" + name).toURI());
  }

  @Test
  void theSmtpAndMailSectionsLoadAsWritten() throws Exception {
    VigilConfig config = loader.load(fixture("mail-good.yml"));
    assertThat(config.smtp()).isEqualTo(new MailListenerConfig("127.0.0.1:2525", "vigil.example.net", 5_242_880, null, 50, 5, 30, 300, 120, 50));
    TenantMail mail = config.tenant("acme").orElseThrow().mail();
    assertThat(mail.addresses()).containsExactly(new MailAddressConfig("backups-7f3k2@vigil.example.net", null),
        new MailAddressConfig("granite-x9p4@vigil.example.net", "Granite Bank"));
    assertThat(mail.rules()).singleElement().satisfies(rule -> {
      assertThat(rule.from()).isEqualTo("@backupbox\\.example$");
      assertThat(rule.statuses()).isEqualTo(Map.of("COMPLETED_OK", "success", "COMPLETED_WARN", "warning", "FAILED", "failed"));
    });
  }

  @Test
  void withoutAnSmtpSectionThereIsNoListenerAndTheStandardBounds(@TempDir Path dir) throws Exception {
    VigilConfig config = loader.load(Files.writeString(dir.resolve("vigil.yml"), "listen: 127.0.0.1:9877\n"));
    assertThat(config.smtp()).isEqualTo(new MailListenerConfig(null, "vigil", 10_485_760, null, 100, 10, 60, 600, 600, 200));
    assertThat(config.smtp().startTls(false)).isEqualTo(MailListenerConfig.StartTls.OFF);
    assertThat(config.smtp().startTls(true)).as("offered once the exporter has a certificate").isEqualTo(MailListenerConfig.StartTls.OPTIONAL);
    assertThat(config.tenants()).isEmpty();
  }

  @Test
  void aReloadKeepsTheListenerInForceAndTakesNewAddresses(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vigil.yml"), "smtp: {listen: 127.0.0.1:2525}\ntenants:\n  - account: acme\n");
    LiveConfig live = new LiveConfig(loader.load(file), file);
    Files.writeString(file,
        "smtp: {listen: 127.0.0.1:2626}\ntenants:\n  - account: acme\n    mail:\n      addresses: [{address: a@v.test}]\n");
    VigilConfig reloaded = live.reload();
    assertThat(reloaded.smtp().listen()).as("only a restart moves the listener").isEqualTo("127.0.0.1:2525");
    assertThat(reloaded.tenant("acme").orElseThrow().mail().addresses()).containsExactly(new MailAddressConfig("a@v.test", null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "invalid-mail-address.yml       | tenants[0].mail.addresses[0].address: must be a plain address",
      "invalid-mail-address-twice.yml | tenants[1].mail.addresses[0].address: 'B@Vigil.Test' is configured twice",
      "invalid-mail-rule-regex.yml    | tenants[0].mail.rules[0].subject: not a valid regular expression",
      "invalid-mail-rule-group.yml    | tenants[0].mail.rules[0].subject: the group 'host' is none of customer, device, job, status",
      "invalid-mail-rule-no-status.yml | tenants[0].mail.rules[0]: one of from, subject, body needs a (?<status>...) group",
      "invalid-mail-rule-no-job.yml   | tenants[0].mail.rules[0]: give job, or a (?<job>...) group",
      "invalid-mail-rule-status-word.yml | tenants[0].mail.rules[0].statuses.OK: must be success, warning or failed",
      "invalid-mail-unknown-key.yml   | tenants[0].mail.adresses: unknown key",
      "invalid-smtp-listen.yml        | smtp.listen: must be HOST:PORT, got '2525'",
      "invalid-smtp-starttls.yml      | smtp.starttls: required needs the exporter's certificate; configure tls",
      "invalid-smtp-size.yml          | smtp.max_message_bytes: must be at least 1024",
      "invalid-smtp-per-address.yml   | smtp.max_connections_per_address: must be 1 to smtp.max_connections (10)",
  })
  void eachInvalidMailSettingIsRefusedNamingTheKey(String file, String expected) {
    assertThatThrownBy(() -> loader.load(fixture(file))).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }
}
