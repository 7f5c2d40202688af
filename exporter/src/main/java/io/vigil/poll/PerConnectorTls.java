package io.vigil.poll;

import io.vigil.config.ConnectorTls;
import io.vigil.tls.KeyMaterial;
import io.vigil.tls.KeyMaterialException;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.ssl.TLS;

/**
 * Opens each TLS connection with the {@link ConnectorTls} of the connector being polled, which the
 * request carries in its context: TLS 1.2 or 1.3, host name verified. The files are read here, once
 * per new connection, so replaced certificates are used from the next connection on.
 */
final class PerConnectorTls implements TlsSocketStrategy {
  static final String SETTINGS = "vigil.connector-tls";
  /** Set when the connector asked for a client certificate and we had none it accepts: the CAs it named. */
  private static final String UNANSWERED = "vigil.client-certificate-unanswered";

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
    ConnectorTls tls = (ConnectorTls) context.getAttribute(SETTINGS);
    SSLContext ssl;
    try {
      KeyMaterial.Identity identity = tls.identity();
      ssl = KeyMaterial.sslContext(new Witness(identity == null ? null : KeyMaterial.keyManager(identity), context), tls.trust());
    } catch (KeyMaterialException e) {
      throw new IOException("cannot use the TLS files: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
    return ClientTlsStrategyBuilder.create().setSslContext(ssl).setTlsVersions(TLS.V_1_3, TLS.V_1_2).buildClassic()
        .upgrade(socket, target, port, attachment, context);
  }

  /**
   * Why a poll failed at the TLS level, or null when it did not. With TLS 1.3 a refused client
   * certificate shows only as a closed connection after the handshake, so the request for one that
   * we could not answer is what explains it.
   */
  static String explain(IOException failure, HttpContext context) {
    Object issuers = context.getAttribute(UNANSWERED);
    if (issuers != null) {
      return "the connector asked for a client certificate issued by " + issuers + " and got none (client_cert_file is not set or"
          + " not issued by it; " + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
    }
    return failure instanceof SSLException ? failure.getMessage() : null;
  }

  /** Presents the configured certificate (if any), and notes in the context a request for one it cannot answer. */
  private static final class Witness extends X509ExtendedKeyManager {
    private final X509KeyManager keys;
    private final HttpContext context;

    Witness(X509KeyManager keys, HttpContext context) {
      this.keys = keys;
      this.context = context;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      String alias = keys == null ? null : keys.chooseClientAlias(keyType, issuers, socket);
      if (alias == null) {
        context.setAttribute(UNANSWERED, issuers == null || issuers.length == 0 ? "any CA"
            : Arrays.stream(issuers).map(Principal::getName).collect(Collectors.joining(" or ")));
      }
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return chooseClientAlias(keyType, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return keys == null ? null : keys.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys == null ? null : keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys == null ? null : keys.getPrivateKey(alias);
    }
  }
}
