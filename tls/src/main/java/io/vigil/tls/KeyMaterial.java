package io.vigil.tls;

import io.vigil.tls.KeyMaterialException.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads certificates, private keys and keystores for TLS and checks them on load, so a bad file is
 * reported at start (or by {@code --check-config}) and not at the first handshake. PEM files are
 * parsed by BouncyCastle: certificate chains, and unencrypted keys in PKCS#8 ({@code BEGIN PRIVATE
 * KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}) form.
 */
public final class KeyMaterial {
    /** A key store with one private key and its certificate chain, and the password of that key. */
    public record Identity(KeyStore store, char[] password) {}

    // Protects the key only inside the in-memory store built from PEM files; it never leaves the process.
    private static final char[] IN_MEMORY = "vigil-in-memory".toCharArray();

    private KeyMaterial() {}

    /** The certificate chain in {@code certFile} (leaf first) with the private key in {@code keyFile}; the key must match the leaf. */
    public static Identity pem(Path certFile, Path keyFile) throws KeyMaterialException {
        List<X509Certificate> chain = certificates(certFile, Role.CERTIFICATE);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0))) {
            throw new KeyMaterialException(keyFile, Role.PRIVATE_KEY, "does not match the certificate in " + certFile);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(new Certificate[0]));
            return new Identity(store, IN_MEMORY);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyMaterialException(keyFile, Role.PRIVATE_KEY, "cannot be used: " + e.getMessage());
        }
    }

    /** A PKCS12 or JKS keystore (the type is detected) holding a private key that opens with {@code password}. */
    public static Identity keystore(Path file, String password) throws KeyMaterialException {
        readable(file, Role.KEYSTORE);
        char[] secret = password.toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException(file, Role.KEYSTORE,
                    "cannot open it as a PKCS12 or JKS keystore (wrong password?): " + e.getMessage());
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, secret);
                    if (key instanceof PrivateKey && store.getCertificate(alias) != null) {
                        return new Identity(store, secret);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(file, Role.KEYSTORE,
                    "its private key does not open with the keystore password: " + e.getMessage());
        }
        throw new KeyMaterialException(file, Role.KEYSTORE, "holds no private key with a certificate");
    }

    /** A trust store of the CA certificates in a PEM bundle. */
    public static KeyStore trust(Path caFile) throws KeyMaterialException {
        List<X509Certificate> cas = certificates(caFile, Role.TRUSTED_CAS);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyMaterialException(caFile, Role.TRUSTED_CAS, "cannot be used: " + e.getMessage());
        }
    }

    /**
     * A TLS context that presents {@code identity} when the peer asks for a certificate (null: none)
     * and trusts the CAs in {@code trust} (null: the JVM's trust store).
     */
    public static SSLContext sslContext(Identity identity, KeyStore trust) throws GeneralSecurityException {
        return sslContext(identity == null ? null : keyManager(identity), trust);
    }

    /** As {@link #sslContext(Identity, KeyStore)} with the caller's own key manager (null: no certificate). */
    public static SSLContext sslContext(X509KeyManager keys, KeyStore trust) throws GeneralSecurityException {
        TrustManager[] trustManagers = null;
        if (trust != null) {
            TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trusted.init(trust);
            trustManagers = trusted.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : new KeyManager[] {keys}, trustManagers, null);
        return context;
    }

    /** The JVM's key manager for {@code identity}: it presents the certificate when the peer accepts its issuer. */
    public static X509KeyManager keyManager(Identity identity) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.store(), identity.password());
        return (X509KeyManager) keys.getKeyManagers()[0];
    }

    /** Every certificate in a PEM file, in file order; at least one. */
    private static List<X509Certificate> certificates(Path file, Role role) throws KeyMaterialException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : pemObjects(file, role)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new KeyMaterialException(file, role, "holds a certificate that cannot be read: " + e.getMessage());
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(file, role, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one private key in a PEM file (other blocks, such as certificates, are ignored). */
    private static PrivateKey privateKey(Path file) throws KeyMaterialException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        List<PrivateKey> keys = new ArrayList<>();
        for (Object object : pemObjects(file, Role.PRIVATE_KEY)) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    keys.add(converter.getPrivateKey(info));
                } else if (object instanceof PEMKeyPair pair) {
                    keys.add(converter.getPrivateKey(pair.getPrivateKeyInfo())); // SEC1 may leave out the public key
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new KeyMaterialException(file, Role.PRIVATE_KEY,
                            "holds an encrypted private key; give it unencrypted (openssl pkey -in KEY -out PLAIN) or use a keystore");
                }
            } catch (IOException e) {
                throw new KeyMaterialException(file, Role.PRIVATE_KEY, "holds a private key that cannot be read: " + e.getMessage());
            }
        }
        if (keys.size() != 1) {
            throw new KeyMaterialException(file, Role.PRIVATE_KEY, keys.isEmpty()
                    ? "holds no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)"
                    : "holds " + keys.size() + " private keys; give exactly one");
        }
        return keys.get(0);
    }

    private static List<Object> pemObjects(Path file, Role role) throws KeyMaterialException {
        readable(file, role);
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            for (Object object; (object = pem.readObject()) != null; ) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(file, role, "is not a valid PEM file: " + e.getMessage());
        }
        return objects;
    }

    private static void readable(Path file, Role role) throws KeyMaterialException {
        try {
            Files.newInputStream(file).close();
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(file, role, "file not found");
        } catch (AccessDeniedException e) {
            throw new KeyMaterialException(file, role, "cannot read it (permission denied)");
        } catch (IOException e) {
            throw new KeyMaterialException(file, role, "cannot read it: " + e.getMessage());
        }
    }

    /** Signs with the key and verifies with the certificate: works for RSA, EC and EdDSA keys alike. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "vigil key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
