package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.demo.DemoConnector;
import io.vigil.http.Authenticator;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RawConnection;
import io.vigil.testsupport.RunningExporter;
import io.vigil.tls.ServerTls;
import io.vigil.tls.testsupport.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS over real TLS on loopback, with certificates made for the test: the exporter serving push,
 * scrape and health from PEM files or a keystore, reloading them, and polling connectors that pin
 * a private CA and require client certificates.
 */
class TlsIT {
  static final Instant NOW = Instant.now();

  @TempDir
  Path dir;
  TestPki msp;
  TestPki.Issued serverCert;

  @BeforeEach
  void makeCertificates() throws Exception {
    msp = TestPki.create(dir, "msp");
    serverCert = msp.issue("vigil", "localhost", "127.0.0.1");
  }

  RunningExporter startHttps(TlsConfig tls) throws Exception {
    VigilConfig base = RunningExporter.config(dir.resolve("data"));
    VigilConfig config = new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null, base.tenants(), tls);
    return RunningExporter.start(config, null, Clock.systemUTC(), HttpClient.newBuilder().sslContext(msp.clientContext(null)).build());
  }

  static void pushScrapeAndCheckHealth(RunningExporter vigil) throws Exception {
    assertThat(vigil.uri().getScheme()).isEqualTo("https");
    vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW.minusSeconds(60)));
    assertThat(vigil.metrics().value("vigil_job_status", "tenant", "acme", "backup_job", "nightly", "status", "ok")).isEqualTo(1);
    assertThat(vigil.scrape("/tenants/acme/metrics", "acme-read").value("vigil_job_status", "backup_job", "nightly", "status", "ok"))
        .isEqualTo(1);
    assertThat(vigil.get("/-/healthy", null).statusCode()).isEqualTo(200);
  }

  @Test
  void pushAndScrapeOverHttpsWithPemFiles() throws Exception {
    try (RunningExporter vigil = startHttps(new TlsConfig(serverCert.certFile().toString(), serverCert.keyFile().toString(), null,
        null, null))) {
      pushScrapeAndCheckHealth(vigil);
    }
  }

  @Test
  void pushAndScrapeOverHttpsWithAPkcs12Keystore() throws Exception {
    Path p12 = serverCert.pkcs12(dir.resolve("vigil.p12"), "changeit");
    Path password = Files.writeString(dir.resolve("vigil.p12.password"), "changeit\n");
    try (RunningExporter vigil = startHttps(new TlsConfig(null, null, p12.toString(), null, password.toString()))) {
      pushScrapeAndCheckHealth(vigil);
    }
  }

  @Test
  void plainHttpToTheHttpsPortAndClientsThatDoNotTrustTheCaGetNothing() throws Exception {
    try (RunningExporter vigil = startHttps(new TlsConfig(serverCert.certFile().toString(), serverCert.keyFile().toString(), null,
        null, null))) {
      URI plain = URI.create("http://127.0.0.1:" + vigil.uri().getPort() + "/metrics");
      HttpClient http = HttpClient.newHttpClient();
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(plain).header("Authorization", "Bearer admin").build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(vigil.uri().resolve("/-/healthy")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void aReloadServesTheReplacedCertificateAndABadReplacementKeepsTheOldOne() throws Exception {
    Path cert = Files.copy(serverCert.certFile(), dir.resolve("live.crt"));
    Path key = Files.copy(serverCert.keyFile(), dir.resolve("live.key"));
    Path file = Files.writeString(dir.resolve("vigil.yml"), """
        listen: 127.0.0.1:0
        data_dir: %s
        admin_keys: [{sha256: %s}]
        tls: {cert_file: %s, key_file: %s}
        """.formatted(dir.resolve("data"), Authenticator.sha256Hex(RunningExporter.ADMIN), cert, key));
    SSLContext client = msp.clientContext(null);
    try (RunningExporter vigil = RunningExporter.start(new ConfigLoader().load(file), file, Clock.systemUTC(),
        HttpClient.newBuilder().sslContext(client).build())) {
      assertThat(served(vigil.uri(), client)).isEqualTo(serverCert.certificate());

      TestPki.Issued renewed = msp.issue("vigil-renewed", "localhost", "127.0.0.1");
      Files.copy(renewed.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
      vigil.exporter().config().reload();
      assertThat(served(vigil.uri(), client)).isEqualTo(renewed.certificate());
      assertThat(vigil.get("/-/healthy", null).statusCode()).isEqualTo(200);

      Files.copy(serverCert.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(() -> vigil.exporter().config().reload()).isInstanceOf(ConfigException.class)
          .hasMessageContaining("tls.key_file: does not match the certificate in " + cert);
      assertThat(served(vigil.uri(), client)).isEqualTo(renewed.certificate());
    }
  }

  @Test
  void aReloadRefusesACertificateOutsideItsDatesKeepsTheCurrentOneAndItsExpiryIsExported() throws Exception {
    Path cert = Files.copy(serverCert.certFile(), dir.resolve("live.crt"));
    Path key = Files.copy(serverCert.keyFile(), dir.resolve("live.key"));
    Path file = Files.writeString(dir.resolve("vigil.yml"), """
        listen: 127.0.0.1:0
        data_dir: %s
        admin_keys: [{sha256: %s}]
        tls: {cert_file: %s, key_file: %s}
        """.formatted(dir.resolve("data"), Authenticator.sha256Hex(RunningExporter.ADMIN), cert, key));
    SSLContext client = msp.clientContext(null);
    try (RunningExporter vigil = RunningExporter.start(new ConfigLoader().load(file), file, Clock.systemUTC(),
        HttpClient.newBuilder().sslContext(client).build())) {
      assertThat(expiry(vigil)).isEqualTo(serverCert.certificate().getNotAfter().toInstant().getEpochSecond());
      Instant now = Instant.now();
      TestPki.Issued expired = msp.issue("vigil-expired", now.minus(Duration.ofDays(90)), now.minusSeconds(60), "127.0.0.1");
      TestPki.Issued early = msp.issue("vigil-early", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), "127.0.0.1");
      for (TestPki.Issued bad : List.of(expired, early)) {
        Files.copy(bad.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bad.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
        HttpResponse<String> reload = vigil.post("/api/v1/admin/reload", RunningExporter.ADMIN, "{}");
        assertThat(reload.statusCode()).isEqualTo(400);
        assertThat(reload.body()).contains("tls.cert_file: the certificate CN=" + bad.certificate().getSubjectX500Principal().getName()
            .substring(3)).containsAnyOf("expired at", "is not valid before");
        assertThat(served(vigil.uri(), client)).as("served after refusing " + bad.certificate().getSubjectX500Principal())
            .isEqualTo(serverCert.certificate());
        assertThat(expiry(vigil)).isEqualTo(serverCert.certificate().getNotAfter().toInstant().getEpochSecond());
      }

      TestPki.Issued renewed = msp.issue("vigil-renewed", now.minusSeconds(60), now.plus(Duration.ofDays(10)), "127.0.0.1");
      Files.copy(renewed.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
      assertThat(vigil.post("/api/v1/admin/reload", RunningExporter.ADMIN, "{}").statusCode()).isEqualTo(200);
      assertThat(served(vigil.uri(), client)).isEqualTo(renewed.certificate());
      assertThat(expiry(vigil)).isEqualTo(renewed.certificate().getNotAfter().toInstant().getEpochSecond());
    }
  }

  static double expiry(RunningExporter vigil) throws Exception {
    return vigil.metrics().value("vigil_tls_certificate_expiry_timestamp_seconds");
  }

  @Test
  void aClientInitiatedTls12RenegotiationIsRefused() throws Exception {
    try (RunningExporter vigil = startHttps(new TlsConfig(serverCert.certFile().toString(), serverCert.keyFile().toString(), null,
        null, null))) {
      SSLSocket socket = (SSLSocket) msp.clientContext(null).getSocketFactory().createSocket(vigil.uri().getHost(), vigil.uri().getPort());
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      try (RawConnection tls = RawConnection.over(socket)) {
        socket.startHandshake();
        tls.send("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
        assertThat(tls.readAnswer(Duration.ofSeconds(5)).status()).as("before renegotiating").isEqualTo(200);

        socket.startHandshake();
        assertThatThrownBy(() -> {
          tls.send("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
          tls.readAnswer(Duration.ofSeconds(5));
        }).as("a request after the client asked to renegotiate").isInstanceOf(IOException.class);
      }
    }
  }

  /** The certificate a new TLS connection to {@code uri} is shown. */
  static X509Certificate served(URI uri, SSLContext client) throws Exception {
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  @Test
  void connectorsAreUpOnlyWithTheirCaPinnedAClientCertificateItsCaSignedAndTheRightHostName() throws Exception {
    TestPki.Issued exporterCert = msp.issue("vigil-exporter");
    TestPki.Issued foreignCert = TestPki.create(dir, "other").issue("intruder");
    TestPki.Issued elsewhere = msp.issue("img02", "img02.acme.example");
    String ca = msp.caFile().toString();
    try (DemoConnector mtls = DemoConnector.start(Clock.systemUTC(), ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), msp.caFile()));
        DemoConnector misnamed = DemoConnector.start(Clock.systemUTC(), ServerTls.pem(elsewhere.certFile(), elsewhere.keyFile(), null))) {
      List<ConnectorConfig> connectors = List.of(
          connector("good", mtls, ca, exporterCert),
          connector("no-cert", mtls, ca, null),
          connector("foreign-cert", mtls, ca, foreignCert),
          connector("unpinned", mtls, null, exporterCert),
          connector("wrong-host", misnamed, ca, null));
      VigilConfig base = RunningExporter.config(dir.resolve("data"));
      TenantConfig acme = base.tenant("acme").orElseThrow().withConnectors(connectors, List.of());
      VigilConfig config = new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null, List.of(acme));
      ConfigLoader.validate("test", config);
      try (RunningExporter vigil = RunningExporter.start(config, null, Clock.systemUTC())) {
        vigil.exporter().pollConnectorsNow();
        Exposition m = vigil.metrics();
        assertThat(m.value("vigil_connector_up", "connector", "good")).isEqualTo(1);
        assertThat(m.samples("vigil_chain_depth")).anyMatch(s -> s.labels().get("connector").equals("good"));
        for (String down : List.of("no-cert", "foreign-cert", "unpinned", "wrong-host")) {
          assertThat(m.value("vigil_connector_up", "connector", down)).as(down).isZero();
          assertThat(m.samples("vigil_chain_depth")).noneMatch(s -> s.labels().get("connector").equals(down));
        }
        assertThat(m.value("vigil_poll_requests_total", "result", "error")).isEqualTo(4);
      }
    }
  }

  static ConnectorConfig connector(String name, DemoConnector server, String caFile, TestPki.Issued clientCert) {
    return new ConnectorConfig(name, server.url(), server.token(), null, 3600L, 5L, null, caFile,
        clientCert == null ? null : clientCert.certFile().toString(), clientCert == null ? null : clientCert.keyFile().toString());
  }

  @Test
  void checkConfigLoadsTheTlsFilesFromTheFatJar() throws Exception {
    TestPki.Issued other = msp.issue("other", "other");
    String tls = "tls: {cert_file: %s, key_file: %s}\n";
    Path good = Files.writeString(dir.resolve("good.yml"), tls.formatted(serverCert.certFile(), serverCert.keyFile()));
    Path bad = Files.writeString(dir.resolve("bad.yml"), tls.formatted(serverCert.certFile(), other.keyFile()));
    assertThat(checkConfig(good)).isEqualTo("0 configuration OK: 0 tenant(s), HTTPS");
    assertThat(checkConfig(bad)).startsWith("2 configuration error: ")
        .contains("tls.key_file: does not match the certificate in " + serverCert.certFile());
    TestPki.Issued expired = msp.issue("expired", NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(60));
    Path old = Files.writeString(dir.resolve("expired.yml"), tls.formatted(expired.certFile(), expired.keyFile()));
    assertThat(checkConfig(old)).startsWith("2 configuration error: ")
        .contains("tls.cert_file: the certificate CN=expired in " + expired.certFile() + " expired at");
  }

  /** {@code java -jar vigil-exporter.jar --config FILE --check-config}: exit code and output. */
  static String checkConfig(Path config) throws Exception {
    Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "vigil-exporter.jar").toAbsolutePath().toString(), "--config", config.toString(), "--check-config")
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes()).strip();
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return check.exitValue() + " " + output;
  }
}
