package io.vigil.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.tls.testsupport.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flag checking only: every bad value fails before the server starts, naming the flag. */
@Timeout(60) // a check that lets a bad value through starts the server, which never returns
class MainTest {

    @TempDir
    Path dir;

    private String errorOf(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).isEqualTo(2);
        return err.toString();
    }

    @Test
    void aTokenSourceIsRequired() {
        assertThat(errorOf("--root", dir.toString())).contains("--token");
    }

    @Test
    void rootMustBeADirectory() {
        assertThat(errorOf("--root", dir.resolve("nope").toString(), "--token", "t")).contains("is not a directory");
    }

    @Test
    void listenMustBeHostAndPort() {
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--listen", "9878")).contains("--listen");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--listen", "h:70000")).contains("--listen");
    }

    @Test
    void badManagedListLineIsReported() throws Exception {
        Path list = Files.writeString(dir.resolve("managed.txt"), "acme\n");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--managed-list", list.toString()))
                .contains("managed.txt:1: expected CUSTOMER/FOLDER");
    }

    @Test
    void emptyTokenFileIsRefused() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "\n");
        assertThat(errorOf("--root", dir.toString(), "--token-file", token.toString())).contains("the token is empty");
    }

    @Test
    void tokenSourcesAreExclusive() {
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--token-env", "X")).contains("mutually exclusive");
    }

    @Test
    void aCertificateNeedsItsKey() throws Exception {
        TestPki.Issued server = TestPki.create(dir, "msp").issue("localhost", "localhost");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--tls-cert-file", server.certFile().toString()))
                .contains("--tls-key-file");
    }

    @Test
    void pemFilesAndAKeystoreAreExclusive() throws Exception {
        TestPki.Issued server = TestPki.create(dir, "msp").issue("localhost", "localhost");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--tls-cert-file", server.certFile().toString(),
                "--tls-key-file", server.keyFile().toString(), "--tls-keystore-file", "x.p12", "--tls-keystore-password-file", "pw"))
                .contains("mutually exclusive");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefusedNamingTheFlag() throws Exception {
        TestPki pki = TestPki.create(dir, "msp");
        TestPki.Issued server = pki.issue("localhost", "localhost");
        TestPki.Issued other = pki.issue("other", "other");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--tls-cert-file", server.certFile().toString(),
                "--tls-key-file", other.keyFile().toString()))
                .contains("--tls-key-file " + other.keyFile() + ": does not match the certificate in " + server.certFile());
    }

    @Test
    void aMissingClientCaFileIsNamed() throws Exception {
        TestPki.Issued server = TestPki.create(dir, "msp").issue("localhost", "localhost");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--tls-cert-file", server.certFile().toString(),
                "--tls-key-file", server.keyFile().toString(), "--tls-client-ca-file", dir.resolve("ca.pem").toString()))
                .contains("--tls-client-ca-file " + dir.resolve("ca.pem") + ": file not found");
    }

    @Test
    void aWrongKeystorePasswordIsNamed() throws Exception {
        Path p12 = TestPki.create(dir, "msp").issue("localhost", "localhost").pkcs12(dir.resolve("server.p12"), "right");
        Path password = Files.writeString(dir.resolve("password"), "wrong\n");
        assertThat(errorOf("--root", dir.toString(), "--token", "t", "--tls-keystore-file", p12.toString(),
                "--tls-keystore-password-file", password.toString()))
                .contains("--tls-keystore-file " + p12 + ": cannot open it as a PKCS12 or JKS keystore (wrong password?)");
    }
}
