package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.tls.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exporter's {@code tls} section and the connectors' TLS keys, with certificates made for the test. */
class ConfigLoaderTlsTest {
  final ConfigLoader loader = new ConfigLoader();

  @TempDir
  Path dir;
  TestPki msp;
  TestPki.Issued server;
  TestPki.Issued other;
  Path p12;

  @BeforeEach
  void makeCertificates() throws Exception {
    msp = TestPki.create(dir, "msp");
    server = msp.issue("vigil.msp.example", "vigil.msp.example");
    other = msp.issue("other", "other");
    p12 = server.pkcs12(dir.resolve("server.p12"), "changeit");
    Files.writeString(dir.resolve("password"), "changeit\n");
  }

  /** The YAML with {cert}, {key}, {other_key}, {p12}, {password_file}, {ca} and {dir} replaced by real paths. */
  Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("vigil.yml"), yaml
        .replace("{cert}", server.certFile().toString()).replace("{key}", server.keyFile().toString())
        .replace("{other_key}", other.keyFile().toString()).replace("{p12}", p12.toString())
        .replace("{password_file}", dir.resolve("password").toString()).replace("{ca}", msp.caFile().toString())
        .replace("{other_cert}", other.certFile().toString()).replace("{dir}", dir.toString()));
  }

  @Test
  void aPemPairOrAKeystoreWithItsPasswordLoads() throws Exception {
    assertThat(loader.load(write("tls: {cert_file: {cert}, key_file: {key}}")).tls().certFile()).isEqualTo(server.certFile().toString());
    assertThat(loader.load(write("tls: {keystore_file: {p12}, keystore_password: changeit}")).tls().load(Clock.systemUTC()).identity().store().size())
        .isEqualTo(1);
    assertThat(loader.load(write("tls: {keystore_file: {p12}, keystore_password_file: {password_file}}")).tls()).isNotNull();
  }

  @Test
  void aCertificateOutsideItsDatesIsRefusedWithTheDateAndWhatToDo() throws Exception {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    ConfigLoader at = new ConfigLoader(Clock.fixed(now, ZoneOffset.UTC));
    TestPki.Issued expired = msp.issue("expired", now.minus(Duration.ofDays(90)), now.minusSeconds(1));
    TestPki.Issued early = msp.issue("early", now.plusSeconds(60), now.plus(Duration.ofDays(90)));
    TestPki.Issued lastSecond = msp.issue("last-second", now.minus(Duration.ofDays(90)), now);
    String pem = "tls: {cert_file: %s, key_file: %s}";

    assertThatThrownBy(() -> at.load(write(pem.formatted(expired.certFile(), expired.keyFile())))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("tls.cert_file: the certificate CN=expired in " + expired.certFile() + " expired at 2026-11-30T11:59:59Z;"
            + " install a renewed certificate");
    assertThatThrownBy(() -> at.load(write(pem.formatted(early.certFile(), early.keyFile())))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("tls.cert_file: the certificate CN=early in " + early.certFile() + " is not valid before"
            + " 2026-11-30T12:01:00Z (the time here is 2026-11-30T12:00:00Z)");
    assertThat(at.load(write(pem.formatted(lastSecond.certFile(), lastSecond.keyFile()))).tls()).as("valid up to notAfter itself")
        .isNotNull();
    Path expiredP12 = expired.pkcs12(dir.resolve("expired.p12"), "changeit");
    assertThatThrownBy(() -> at.load(write("tls: {keystore_file: %s, keystore_password: changeit}".formatted(expiredP12))))
        .hasMessageContaining("tls.keystore_file: the certificate CN=expired in " + expiredP12 + " expired at");
  }

  @Test
  void connectorsMayPinACaAndPresentAClientCertificate() throws Exception {
    ConnectorConfig img01 = loader.load(write("""
        tenants:
          - account: acme
            connectors:
              - {name: img01, url: "https://img01.acme.example:9878", token: t, ca_file: {ca}, client_cert_file: {cert},
                 client_key_file: {key}}
        """)).tenant("acme").orElseThrow().connectors().get(0);
    assertThat(img01.tls()).isEqualTo(new ConnectorTls(msp.caFile().toString(), server.certFile().toString(),
        server.keyFile().toString()));
    assertThat(img01.tls().identity().store().size()).isEqualTo(1);
    assertThat(img01.tls().trust().size()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "tls: {cert_file: {dir}/missing.crt, key_file: {key}}          | tls.cert_file: file not found ({dir}/missing.crt)",
      "tls: {cert_file: {cert}, key_file: {other_key}}               | tls.key_file: does not match the certificate in {cert}",
      "tls: {cert_file: {key}, key_file: {key}}                      | tls.cert_file: holds no PEM certificate",
      "tls: {cert_file: {cert}, key_file: {cert}}                    | tls.key_file: holds no PEM private key",
      "tls: {cert_file: {cert}}                                      | tls.key_file: is required with cert_file",
      "tls: {key_file: {key}}                                        | tls.cert_file: is required with key_file",
      "tls: {cert_file: {cert}, key_file: {key}, keystore_file: {p12}} | tls: give cert_file and key_file, or keystore_file, not both",
      "tls: {}                                                       | tls: give cert_file and key_file, or keystore_file",
      "tls: {cert_file: {cert}, key_file: {key}, keystore_password: x} | tls: keystore_password and keystore_password_file go with keystore_file only",
      "tls: {keystore_file: {p12}}                                   | tls: give exactly one of keystore_password or keystore_password_file",
      "tls: {keystore_file: {p12}, keystore_password: wrong}         | tls.keystore_file: cannot open it as a PKCS12 or JKS keystore (wrong password?)",
      "tls: {keystore_file: {p12}, keystore_password_file: {dir}/nope} | tls.keystore_password_file: cannot read {dir}/nope",
      "tls: {keystore_file: {cert}, keystore_password: changeit}     | tls.keystore_file: cannot open it as a PKCS12 or JKS keystore",
      "tls: {cert: {cert}}                                           | tls.cert: unknown key",
  })
  void eachBadTlsSectionIsRefusedNamingTheKey(String yaml, String expected) throws Exception {
    Path file = write(yaml);
    String message = expected.replace("{dir}", dir.toString()).replace("{cert}", server.certFile().toString());
    assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "url: 'http://img01:9878', ca_file: {ca}                        | connectors[0]: ca_file, client_cert_file and client_key_file need an https url",
      "url: 'https://img01:9878', ca_file: {dir}/missing.pem          | connectors[0].ca_file: file not found ({dir}/missing.pem)",
      "url: 'https://img01:9878', ca_file: {key}                      | connectors[0].ca_file: holds no PEM certificate",
      "url: 'https://img01:9878', client_cert_file: {cert}            | connectors[0].client_key_file: is required with client_cert_file",
      "url: 'https://img01:9878', client_key_file: {key}              | connectors[0].client_cert_file: is required with client_key_file",
      "url: 'https://img01:9878', client_cert_file: {cert}, client_key_file: {other_key} | connectors[0].client_key_file: does not match the certificate in {cert}",
      "url: 'https://img01:9878', client_cert_file: {dir}/nope.crt, client_key_file: {key} | connectors[0].client_cert_file: file not found",
  })
  void eachBadConnectorTlsSettingIsRefusedNamingTheKey(String settings, String expected) throws Exception {
    Path file = write("tenants:\n  - account: acme\n    connectors:\n      - {name: img01, token: t, " + settings + "}\n");
    String message = "tenants[0]." + expected.replace("{dir}", dir.toString()).replace("{cert}", server.certFile().toString());
    assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }
}
