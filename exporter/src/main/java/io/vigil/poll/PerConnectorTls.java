package io.vigil.poll;

import io.vigil.config.ConnectorTls;
import io.vigil.connector.tls.KeyMaterialException;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
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
  static final String ATTRIBUTE = "vigil.connector-tls";

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
    ConnectorTls tls = (ConnectorTls) context.getAttribute(ATTRIBUTE);
    SSLContext ssl;
    try {
      ssl = tls.sslContext();
    } catch (KeyMaterialException e) {
      throw new IOException("cannot use the TLS files: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
    return ClientTlsStrategyBuilder.create().setSslContext(ssl).setTlsVersions(TLS.V_1_3, TLS.V_1_2).buildClassic()
        .upgrade(socket, target, port, attachment, context);
  }
}
