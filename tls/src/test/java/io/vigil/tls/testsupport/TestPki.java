package io.vigil.tls.testsupport;

import io.vigil.tls.KeyMaterial;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests, made at test time with BouncyCastle: PEM files
 * for the CA and for the certificates it issues (EC P-256 keys in PKCS#8, or RSA keys in PKCS#1
 * form), PKCS12 keystores, and client {@link SSLContext}s that trust it.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;

    /** A certificate this CA issued and its key, written as PEM files. */
    public record Issued(Path certFile, Path keyFile, X509Certificate certificate, PrivateKey key, X509Certificate ca) {
        /** The key and chain in a PKCS12 keystore file. */
        public Path pkcs12(Path file, String password) throws GeneralSecurityException, IOException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password.toCharArray(), new Certificate[] {certificate, ca});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        }
    }

    private TestPki(Path dir, String name, KeyPair caKeys, X509Certificate ca, Path caFile) {
        this.dir = dir;
        this.name = name;
        this.caKeys = caKeys;
        this.ca = ca;
        this.caFile = caFile;
    }

    /** A new CA named {@code name}; its certificate is written to {@code dir/NAME-ca.crt}. */
    public static TestPki create(Path dir, String name) throws Exception {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name + " test CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = builder(subject, subject, keys, now.minus(Duration.ofDays(400)),
                now.plus(Duration.ofDays(400)))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = sign(builder, keys.getPrivate());
        Path caFile = dir.resolve(name + "-ca.crt");
        pem(caFile, ca);
        return new TestPki(dir, name, keys, ca, caFile);
    }

    public Path caFile() {
        return caFile;
    }

    /** A certificate for {@code cn} valid for the given DNS names and IP addresses (both for server and client use). */
    public Issued issue(String cn, String... names) throws Exception {
        Instant now = Instant.now();
        return issue(cn, now.minusSeconds(3600), now.plus(Duration.ofDays(1)), ecKeys(), false, names);
    }

    /** As {@link #issue}, valid from {@code notBefore} to {@code notAfter}: expired, not yet valid, or expiring soon. */
    public Issued issue(String cn, Instant notBefore, Instant notAfter, String... names) throws Exception {
        return issue(cn, notBefore, notAfter, ecKeys(), false, names);
    }

    /** As {@link #issue} with an RSA key written in the traditional PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}). */
    public Issued issueRsaPkcs1(String cn, String... names) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Instant now = Instant.now();
        return issue(cn, now.minusSeconds(3600), now.plus(Duration.ofDays(1)), rsa.generateKeyPair(), true, names);
    }

    private Issued issue(String cn, Instant notBefore, Instant notAfter, KeyPair keys, boolean traditionalKey, String... names)
            throws Exception {
        GeneralName[] sans = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            sans[i] = names[i].matches("[0-9.]+|.*:.*")
                    ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(names[i]).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, names[i]);
        }
        X500Name issuer = new X500Name("CN=" + name + " test CA");
        X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=" + cn), keys, notBefore, notAfter)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        if (names.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        X509Certificate certificate = sign(builder, caKeys.getPrivate());
        String file = name + "-" + cn.replaceAll("[^A-Za-z0-9.-]", "_");
        Path certFile = pem(dir.resolve(file + ".crt"), certificate, ca);
        Path keyFile = dir.resolve(file + ".key");
        try (Writer out = Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(traditionalKey ? keys.getPrivate() : new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        return new Issued(certFile, keyFile, certificate, keys.getPrivate(), ca);
    }

    /** A client context that trusts this CA only and presents {@code identity} when asked (null: no certificate). */
    public SSLContext clientContext(Issued identity) throws Exception {
        return KeyMaterial.sslContext(identity == null ? null : KeyMaterial.pem(identity.certFile(), identity.keyFile()),
                KeyMaterial.trust(caFile));
    }

    /**
     * A client context that presents {@code identity} whichever CAs the server names (the JVM's own
     * key manager would send nothing), to see what the server does with a foreign certificate.
     */
    public SSLContext insistentClientContext(Issued identity) throws Exception {
        X509KeyManager keys = KeyMaterial.keyManager(KeyMaterial.pem(identity.certFile(), identity.keyFile()));
        String alias = keys.getClientAliases(identity.key().getAlgorithm(), null)[0];
        return KeyMaterial.sslContext(new X509ExtendedKeyManager() {
            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return alias;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return alias;
            }

            @Override
            public X509Certificate[] getCertificateChain(String name) {
                return keys.getCertificateChain(name);
            }

            @Override
            public PrivateKey getPrivateKey(String name) {
                return keys.getPrivateKey(name);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {alias};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        }, KeyMaterial.trust(caFile));
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        return ec.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant notBefore,
            Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                Date.from(notAfter), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    private static Path pem(Path file, X509Certificate... certificates) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
        return file;
    }
}
