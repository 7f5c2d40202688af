package io.vigil.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.tls.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {
    @TempDir
    Path dir;
    TestPki pki;
    TestPki.Issued server;

    @BeforeEach
    void makeCertificates() throws Exception {
        pki = TestPki.create(dir, "msp");
        server = pki.issue("localhost", "localhost", "127.0.0.1");
    }

    @Test
    void aPemChainAndItsPkcs8KeyMakeAnIdentityWithTheLeafFirst() throws Exception {
        KeyMaterial.Identity identity = KeyMaterial.pem(server.certFile(), server.keyFile());
        KeyStore store = identity.store();
        String alias = store.aliases().nextElement();
        assertThat(store.getCertificateChain(alias)).containsExactly(server.certificate(), server.ca());
        assertThat(store.getKey(alias, identity.password())).isEqualTo(server.key());
    }

    @Test
    void anRsaKeyInPkcs1FormIsReadToo() throws Exception {
        TestPki.Issued rsa = pki.issueRsaPkcs1("rsa-host", "rsa-host");
        assertThat(Files.readString(rsa.keyFile())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(KeyMaterial.pem(rsa.certFile(), rsa.keyFile()).store().size()).isEqualTo(1);
    }

    @Test
    void anOpensslEcKeyInSec1FormIsReadToo() throws Exception {
        Path key = dir.resolve("sec1.key");
        Path cert = dir.resolve("sec1.crt");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", key.toString());
        openssl("req", "-new", "-x509", "-key", key.toString(), "-subj", "/CN=sec1", "-days", "1", "-out", cert.toString());
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(KeyMaterial.pem(cert, key).store().size()).isEqualTo(1);
    }

    /** openssl comes with ca-certificates, which the JDK needs; a missing one fails the test. */
    static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("openssl %s: %s", args[0], output).isZero();
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        TestPki.Issued other = pki.issue("other", "other");
        assertThatThrownBy(() -> KeyMaterial.pem(server.certFile(), other.keyFile()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> {
                    assertThat(e.file()).isEqualTo(other.keyFile());
                    assertThat(e.role()).isEqualTo(KeyMaterialException.Role.PRIVATE_KEY);
                    assertThat(e.problem()).isEqualTo("does not match the certificate in " + server.certFile());
                });
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> KeyMaterial.pem(missing, server.keyFile()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> {
                    assertThat(e.file()).isEqualTo(missing);
                    assertThat(e.problem()).isEqualTo("file not found");
                });
    }

    @Test
    void aKeyWhereTheCertificateShouldBeIsRefused() {
        assertThatThrownBy(() -> KeyMaterial.pem(server.keyFile(), server.keyFile()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> {
                    assertThat(e.role()).isEqualTo(KeyMaterialException.Role.CERTIFICATE);
                    assertThat(e.problem()).startsWith("holds no PEM certificate");
                });
        assertThatThrownBy(() -> KeyMaterial.pem(server.certFile(), server.certFile()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> {
                    assertThat(e.role()).isEqualTo(KeyMaterialException.Role.PRIVATE_KEY);
                    assertThat(e.problem()).startsWith("holds no PEM private key");
                });
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHint() throws Exception {
        Path encrypted = dir.resolve("encrypted.key");
        try (var out = Files.newBufferedWriter(encrypted); var pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(server.key(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                            .setPassword("pw".toCharArray()).build()));
        }
        assertThatThrownBy(() -> KeyMaterial.pem(server.certFile(), encrypted))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("encrypted private key");
    }

    @Test
    void aPkcs12KeystoreOpensWithItsPasswordOnly() throws Exception {
        Path p12 = server.pkcs12(dir.resolve("server.p12"), "changeit");
        assertThat(KeyMaterial.keystore(p12, "changeit").store().isKeyEntry("server")).isTrue();
        assertThatThrownBy(() -> KeyMaterial.keystore(p12, "wrong"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("wrong password?");
    }

    @Test
    void aJksKeystoreIsDetectedAndOpensToo() throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setKeyEntry("server", server.key(), "changeit".toCharArray(), new Certificate[] {server.certificate(), server.ca()});
        Path file = dir.resolve("server.jks");
        try (var out = Files.newOutputStream(file)) {
            jks.store(out, "changeit".toCharArray());
        }
        KeyMaterial.Identity identity = KeyMaterial.keystore(file, "changeit");
        assertThat(identity.store().getType()).isEqualTo("JKS");
        assertThat(identity.store().getKey("server", identity.password())).isEqualTo(server.key());
    }

    @Test
    void aKeystoreWithoutAPrivateKeyIsRefused() throws Exception {
        Path trustOnly = dir.resolve("trust.p12");
        KeyStore store = KeyMaterial.trust(pki.caFile());
        try (var out = Files.newOutputStream(trustOnly)) {
            store.store(out, "changeit".toCharArray());
        }
        assertThatThrownBy(() -> KeyMaterial.keystore(trustOnly, "changeit"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("holds no private key");
    }

    @Test
    void aCaBundleBecomesATrustStoreOfEveryCertificate() throws Exception {
        TestPki other = TestPki.create(dir, "other");
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), Files.readString(pki.caFile()) + Files.readString(other.caFile()));
        KeyStore trust = KeyMaterial.trust(bundle);
        assertThat(trust.size()).isEqualTo(2);
        assertThat(((X509Certificate) trust.getCertificate("ca-0")).getSubjectX500Principal().getName()).contains("msp test CA");
    }
}
