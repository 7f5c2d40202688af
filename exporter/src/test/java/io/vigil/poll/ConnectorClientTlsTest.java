package io.vigil.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConnectorConfig;
import io.vigil.demo.DemoConnector;
import io.vigil.tls.ServerTls;
import io.vigil.tls.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter's client polling the real connector server over real TLS on loopback, with certificates made for the test. */
class ConnectorClientTlsTest {
  @TempDir
  static Path dir;
  static TestPki msp;
  static TestPki.Issued serverCert;
  static TestPki.Issued exporterCert;

  ConnectorClient client;
  DemoConnector connector;

  @BeforeAll
  static void makeCertificates() throws Exception {
    msp = TestPki.create(dir, "msp");
    serverCert = msp.issue("img01", "localhost", "127.0.0.1");
    exporterCert = msp.issue("vigil-exporter");
  }

  @BeforeEach
  void startClient() {
    client = new ConnectorClient(4);
  }

  @AfterEach
  void stop() {
    client.close();
    if (connector != null) {
      connector.close();
    }
  }

  void serve(ServerTls tls) throws Exception {
    connector = DemoConnector.start(Clock.systemUTC(), tls);
  }

  ConnectorConfig poll(String url, String caFile, TestPki.Issued clientCert) {
    return new ConnectorConfig("img01", url, connector.token(), null, 60L, 5L, null, caFile,
        clientCert == null ? null : clientCert.certFile().toString(), clientCert == null ? null : clientCert.keyFile().toString());
  }

  Fetch fetch(String caFile, TestPki.Issued clientCert) {
    return client.fetch(poll(connector.url(), caFile, clientCert), null);
  }

  @Test
  void aConnectorWithACertificateFromThePinnedCaIsPolled() throws Exception {
    serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
    assertThat(connector.url()).startsWith("https://127.0.0.1:");
    Fetch fetch = fetch(msp.caFile().toString(), null);
    assertThat(fetch.result()).as(fetch.detail()).isEqualTo(PollResult.OK);
    assertThat(fetch.inventory().connector().name()).isEqualTo(DemoConnector.NAME);
  }

  @Test
  void withoutCaFileThePrivateCaIsNotTrusted() throws Exception {
    serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
    Fetch fetch = fetch(null, null);
    assertThat(fetch.result()).isEqualTo(PollResult.ERROR);
    assertThat(fetch.detail()).startsWith("TLS with 127.0.0.1:").contains("PKIX path building failed");
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    TestPki.Issued elsewhere = msp.issue("img02", "img02.acme.example");
    serve(ServerTls.pem(elsewhere.certFile(), elsewhere.keyFile(), null));
    Fetch fetch = fetch(msp.caFile().toString(), null);
    assertThat(fetch.result()).isEqualTo(PollResult.ERROR);
    assertThat(fetch.detail()).startsWith("TLS with 127.0.0.1:").contains("No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  void aConnectorThatRequiresClientCertificatesServesOnlyTheOnesItsCaSigned() throws Exception {
    serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), msp.caFile()));
    Fetch ok = fetch(msp.caFile().toString(), exporterCert);
    assertThat(ok.result()).as(ok.detail()).isEqualTo(PollResult.OK);

    Fetch none = fetch(msp.caFile().toString(), null);
    assertThat(none.result()).isEqualTo(PollResult.ERROR);
    assertThat(none.detail()).startsWith("TLS with 127.0.0.1:")
        .contains("failed: the connector asked for a client certificate issued by CN=msp test CA and got none (client_cert_file is not set or not issued by it");

    TestPki.Issued foreign = TestPki.create(dir, "other").issue("intruder");
    Fetch refused = fetch(msp.caFile().toString(), foreign);
    assertThat(refused.result()).isEqualTo(PollResult.ERROR);
    assertThat(refused.detail()).as("the JVM offers only a certificate from the CA the connector names")
        .contains("failed: the connector asked for a client certificate issued by CN=msp test CA and got none (client_cert_file is not set or not issued by it");
  }

  @Test
  void aPooledConnectionIsNotReusedForAConnectorWithOtherTlsSettings() throws Exception {
    serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
    TestPki other = TestPki.create(dir, "other");
    Path both = Files.writeString(dir.resolve("both-cas.pem"), Files.readString(msp.caFile()) + Files.readString(other.caFile()));
    assertThat(fetch(both.toString(), null).result()).isEqualTo(PollResult.OK);
    Fetch narrower = fetch(other.caFile().toString(), null);
    assertThat(narrower.result()).as("same URL, a CA that did not sign the connector's certificate").isEqualTo(PollResult.ERROR);
    assertThat(narrower.detail()).contains("PKIX path building failed");
  }

  @Test
  void tlsFilesAreReadForEachNewConnectionSoAMissingOneIsAClearPollError() throws Exception {
    serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
    Path ca = Files.copy(msp.caFile(), dir.resolve("copied-ca.crt"));
    ConnectorConfig config = poll(connector.url(), ca.toString(), null);
    assertThat(client.fetch(config, null).result()).isEqualTo(PollResult.OK);
    Files.delete(ca);
    try (ConnectorClient fresh = new ConnectorClient(4)) {
      Fetch fetch = fresh.fetch(config, null);
      assertThat(fetch.result()).isEqualTo(PollResult.ERROR);
      assertThat(fetch.detail()).contains("cannot use the TLS files").contains("copied-ca.crt: file not found");
    }
  }
}
