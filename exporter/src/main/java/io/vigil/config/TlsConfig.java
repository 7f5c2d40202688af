package io.vigil.config;

import io.vigil.tls.KeyMaterialException;
import io.vigil.tls.ServerTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exporter's own HTTPS: a PEM certificate chain and key, or a PKCS12/JKS keystore whose password
 * is given inline or in a file (first line). Relative paths are taken from the working directory.
 * {@link #load} reads and checks the files; it runs on load, on reload and when the server starts.
 */
public record TlsConfig(String certFile, String keyFile, String keystoreFile, String keystorePassword, String keystorePasswordFile) {

  /**
   * The server's TLS material, whose certificate is valid at the clock's time (every TLS client would
   * refuse it otherwise); every problem names its key ({@code tls.cert_file: file not found (...)}).
   */
  public ServerTls load(Clock clock) throws ConfigException {
    ServerTls tls = read();
    Instant now = clock.instant();
    for (X509Certificate leaf : leaves(tls)) {
      Instant notBefore = leaf.getNotBefore().toInstant();
      Instant notAfter = leaf.getNotAfter().toInstant();
      String which = (certFile != null ? "tls.cert_file" : "tls.keystore_file") + ": the certificate "
          + leaf.getSubjectX500Principal().getName() + " in " + (certFile != null ? certFile : keystoreFile);
      if (now.isAfter(notAfter)) {
        throw problem(which + " expired at " + notAfter + "; install a renewed certificate");
      }
      if (now.isBefore(notBefore)) {
        throw problem(which + " is not valid before " + notBefore + " (the time here is " + now
            + "); check its dates or this machine's clock");
      }
    }
    return tls;
  }

  /** The end of validity of the certificate the server presents (the soonest, should a keystore hold several). */
  public static Instant notAfter(ServerTls tls) {
    return leaves(tls).stream().map(leaf -> leaf.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
  }

  /** The certificate of each private key in the identity's store: what the server can present. */
  private static List<X509Certificate> leaves(ServerTls tls) {
    KeyStore store = tls.identity().store();
    List<X509Certificate> leaves = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate leaf) {
          leaves.add(leaf);
        }
      }
    } catch (KeyStoreException e) {
      throw new IllegalStateException("a loaded key store can be read", e);
    }
    return leaves;
  }

  private ServerTls read() throws ConfigException {
    boolean pem = certFile != null || keyFile != null;
    if (pem == (keystoreFile != null)) {
      throw problem("tls: give cert_file and key_file, or keystore_file" + (pem ? ", not both" : ""));
    }
    try {
      if (pem) {
        if (certFile == null || keyFile == null) {
          throw problem(certFile == null ? "tls.cert_file: is required with key_file" : "tls.key_file: is required with cert_file");
        }
        if (keystorePassword != null || keystorePasswordFile != null) {
          throw problem("tls: keystore_password and keystore_password_file go with keystore_file only");
        }
        return ServerTls.pem(Path.of(certFile), Path.of(keyFile), null);
      }
      return ServerTls.keystore(Path.of(keystoreFile), password(), null);
    } catch (KeyMaterialException e) {
      String key = switch (e.role()) {
        case CERTIFICATE -> "cert_file";
        case PRIVATE_KEY -> "key_file";
        default -> "keystore_file";
      };
      throw problem("tls." + key + ": " + e.problem() + " (" + e.file() + ")");
    }
  }

  private String password() throws ConfigException {
    if ((keystorePassword == null) == (keystorePasswordFile == null)) {
      throw problem("tls: give exactly one of keystore_password or keystore_password_file");
    }
    if (keystorePassword != null) {
      return keystorePassword;
    }
    try {
      return Files.readString(Path.of(keystorePasswordFile), StandardCharsets.UTF_8).lines().findFirst().orElse("");
    } catch (IOException e) {
      throw problem("tls.keystore_password_file: cannot read " + keystorePasswordFile);
    }
  }

  private static ConfigException problem(String problem) {
    return new ConfigException("tls", List.of(problem));
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "TlsConfig[certFile=" + certFile + ", keyFile=" + keyFile + ", keystoreFile=" + keystoreFile + ", keystorePassword="
        + (keystorePassword != null ? "***" : null) + ", keystorePasswordFile=" + keystorePasswordFile + "]";
  }
}
