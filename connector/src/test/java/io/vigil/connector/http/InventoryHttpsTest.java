package io.vigil.connector.http;

import static io.vigil.connector.testsupport.TestRepository.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.inventory.InventoryService;
import io.vigil.connector.inventory.SpaceProbe;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.RepositoryScanner;
import io.vigil.connector.testsupport.MutableClock;
import io.vigil.tls.ServerTls;
import io.vigil.tls.testsupport.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server over real TLS on a loopback port, with certificates made for the test. */
class InventoryHttpsTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;
    TestPki msp;
    TestPki.Issued serverCert;
    ConnectorServer server;

    @BeforeEach
    void makeCertificates() throws Exception {
        msp = TestPki.create(dir, "msp");
        serverCert = msp.issue("localhost", "localhost", "127.0.0.1");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void serve(ServerTls tls) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repository"));
        InventoryService service = new InventoryService(new RepositoryScanner(root, new ImageNames()),
                new InventoryBuilder(new Inventory.Connector("img01", "0.1.0"), new ChainAnalyzer(), RetentionPolicy.NONE,
                        Optional.empty()),
                new MutableClock(NOW), Duration.ofSeconds(60), Duration.ofSeconds(1), SpaceProbe.fileStore());
        server = new ConnectorServer(new InetSocketAddress("127.0.0.1", 0),
                service::current, new BearerTokenAuth(TOKEN), tls).start();
    }

    int inventory(String scheme, SSLContext client) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + "/api/v1/inventory"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void servesHttpsFromPemFilesToAClientThatTrustsTheCa() throws Exception {
        serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
        assertThat(inventory("https", msp.clientContext(null))).isEqualTo(200);
    }

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        serve(ServerTls.keystore(serverCert.pkcs12(dir.resolve("server.p12"), "changeit"), "changeit", null));
        assertThat(inventory("https", msp.clientContext(null))).isEqualTo(200);
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswer() throws Exception {
        serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
        assertThatThrownBy(() -> inventory("http", SSLContext.getDefault())).isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheServer() throws Exception {
        serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), null));
        assertThatThrownBy(() -> inventory("https", SSLContext.getDefault()))
                .isInstanceOf(IOException.class).hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void withAClientCaOnlyClientsWithACertificateFromThatCaGetIn() throws Exception {
        serve(ServerTls.pem(serverCert.certFile(), serverCert.keyFile(), msp.caFile()));
        assertThat(inventory("https", msp.clientContext(msp.issue("vigil-exporter")))).isEqualTo(200);
        assertThatThrownBy(() -> inventory("https", msp.clientContext(null))).isInstanceOf(IOException.class);
        // trusts the server, and presents a certificate from another CA although the server names its own
        TestPki.Issued foreign = TestPki.create(dir, "other").issue("intruder");
        assertThatThrownBy(() -> inventory("https", msp.insistentClientContext(foreign))).isInstanceOf(IOException.class);
    }
}
