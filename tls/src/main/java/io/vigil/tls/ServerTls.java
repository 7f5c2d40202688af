package io.vigil.tls;

import io.vigil.tls.KeyMaterial.Identity;
import java.nio.file.Path;
import java.security.KeyStore;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty server's TLS: its identity and, when {@code clientCa} is given, the CA whose certificates
 * clients must present. Builds the HTTPS-only connector (TLS 1.2 and 1.3, no renegotiation) and swaps the identity in
 * a running one, which keeps its open connections.
 */
public record ServerTls(Identity identity, KeyStore clientCa) {

    /** From a PEM certificate chain and key; {@code clientCaFile} (PEM, may be null) makes client certificates required. */
    public static ServerTls pem(Path certFile, Path keyFile, Path clientCaFile) throws KeyMaterialException {
        return new ServerTls(KeyMaterial.pem(certFile, keyFile), clientCaFile == null ? null : KeyMaterial.trust(clientCaFile));
    }

    /** From a PKCS12 or JKS keystore; {@code clientCaFile} as for {@link #pem}. */
    public static ServerTls keystore(Path file, String password, Path clientCaFile) throws KeyMaterialException {
        return new ServerTls(KeyMaterial.keystore(file, password), clientCaFile == null ? null : KeyMaterial.trust(clientCaFile));
    }

    /** HTTPS only when {@code tls} is given, else plain HTTP; -1 acceptors or selectors lets Jetty choose. */
    public static ServerConnector connector(Server server, int acceptors, int selectors, HttpConfiguration http, ServerTls tls) {
        if (tls == null) {
            return new ServerConnector(server, acceptors, selectors, new HttpConnectionFactory(http));
        }
        HttpConfiguration https = new HttpConfiguration(http);
        // One certificate per server: checking the Host header against it would only refuse scrapes by IP or alias.
        https.addCustomizer(new SecureRequestCustomizer(false));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // A client-initiated TLS 1.2 renegotiation costs the server a full handshake per request: a cheap denial of service.
        ssl.setRenegotiationAllowed(false);
        tls.applyTo(ssl);
        return new ServerConnector(server, acceptors, selectors, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }

    /** New handshakes on {@code connector} (made by {@link #connector} with TLS) use this identity and client CA. */
    public void reload(ServerConnector connector) throws Exception {
        SslConnectionFactory ssl = connector.getConnectionFactory(SslConnectionFactory.class);
        if (ssl == null) {
            throw new IllegalStateException("the connector does not serve TLS");
        }
        ssl.getSslContextFactory().reload(factory -> applyTo((SslContextFactory.Server) factory));
    }

    private void applyTo(SslContextFactory.Server ssl) {
        String password = new String(identity.password());
        ssl.setKeyStore(identity.store());
        ssl.setKeyStorePassword(password);
        ssl.setKeyManagerPassword(password);
        ssl.setTrustStore(clientCa);
        ssl.setNeedClientAuth(clientCa != null);
    }
}
