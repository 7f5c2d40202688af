package io.vigil.config;

import io.vigil.tls.KeyMaterial;
import io.vigil.tls.KeyMaterialException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/**
 * How the exporter speaks TLS to one connector: the CAs it trusts ({@code caFile}, PEM; else the
 * JVM's trust store) and the certificate it presents when asked ({@code clientCertFile} and
 * {@code clientKeyFile}, PEM; else none). The files are read for each new connection, so replacing
 * them needs no reload. Host names are always verified.
 */
public record ConnectorTls(String caFile, String clientCertFile, String clientKeyFile) {

  public boolean isDefault() {
    return caFile == null && clientCertFile == null && clientKeyFile == null;
  }

  /** The client certificate and key to present, or null for none. */
  public KeyMaterial.Identity identity() throws KeyMaterialException {
    return clientCertFile == null ? null : KeyMaterial.pem(Path.of(clientCertFile), Path.of(clientKeyFile));
  }

  /** The CAs to trust, or null for the JVM's trust store. */
  public KeyStore trust() throws KeyMaterialException {
    return caFile == null ? null : KeyMaterial.trust(Path.of(caFile));
  }

  /** Loads the files now, so a bad one is refused on load naming its key under {@code at}. */
  void check(String at, List<String> problems) {
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      problems.add(at + (clientCertFile == null ? ".client_cert_file: is required with client_key_file"
          : ".client_key_file: is required with client_cert_file"));
      return;
    }
    try {
      KeyMaterial.sslContext(identity(), trust());
    } catch (KeyMaterialException e) {
      String key = switch (e.role()) {
        case TRUSTED_CAS -> "ca_file";
        case CERTIFICATE -> "client_cert_file";
        default -> "client_key_file";
      };
      problems.add(at + "." + key + ": " + e.problem() + " (" + e.file() + ")");
    } catch (GeneralSecurityException e) {
      problems.add(at + ": cannot set up TLS: " + e.getMessage());
    }
  }
}
