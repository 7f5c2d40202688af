package io.vigil.http;

import io.vigil.config.ConfigException;
import io.vigil.config.LiveConfig;
import io.vigil.config.ServerConfig;
import io.vigil.tls.ServerTls;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty with Vigil's {@link Routes}, over HTTP or (with a {@code tls} section) HTTPS only. Connections, threads,
 * header size, header time, idle time and body rate are bounded by the {@code server} section; stops gracefully.
 */
public final class HttpServer {
  private final Server server;
  private final ServerConnector connector;
  private final CertificateReload certificates;

  public HttpServer(InetSocketAddress listen, LiveConfig config, Clock clock, Routes routes) throws ConfigException {
    ServerConfig bounds = config.current().server();
    QueuedThreadPool threads = new QueuedThreadPool(bounds.maxThreads(), 8);
    threads.setName("vigil-http");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(bounds.maxRequestHeaderBytes());
    // Checked by the servlet input stream on each read of a body, so a trickled body frees its thread.
    http.setMinRequestDataRate(bounds.minRequestBodyBytesPerSecond());
    ServerTls tls = config.current().tls() == null ? null : config.current().tls().load(clock);
    connector = ServerTls.connector(server, -1, -1, http, tls);
    certificates = new CertificateReload(connector, tls, clock);
    config.onChange(certificates);
    connector.setHost(listen.getHostString());
    connector.setPort(listen.getPort());
    connector.setIdleTimeout(bounds.idleTimeout().toMillis());
    server.addConnector(connector);
    // At the limit Jetty stops accepting: new connections wait in the accept queue until one closes.
    server.addBean(new NetworkConnectionLimit(bounds.maxConnections(), connector));
    if (bounds.maxConnectionsPerAddress() < bounds.maxConnections()) {
      connector.addEventListener(new ConnectionsPerAddress(bounds.maxConnectionsPerAddress(), clock));
    }
    server.addBean(new SlowRequests(connector, bounds.requestHeaderTimeout(), bounds.minRequestBodyBytesPerSecond()));
    server.setErrorHandler(new JsonErrorHandler());

    Gate gate = new Gate(routes.auth(), new RateLimiter(config, clock), new Refusals(clock));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    for (Route route : routes.table(gate, config, clock)) {
      context.addServlet(new ServletHolder(new Endpoint(route, gate)), route.path());
    }
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(context);
    server.setHandler(graceful);
    server.setStopTimeout(10_000);
  }

  public void start() throws Exception {
    server.start();
  }

  /** Finishes requests in flight (up to the stop timeout), then stops. */
  public void stop() throws Exception {
    server.stop();
  }

  /** When the certificate shown to new connections expires; empty over plain HTTP. */
  public Optional<Instant> certificateNotAfter() {
    return certificates.notAfter();
  }

  public URI uri() {
    String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
    String scheme = connector.getConnectionFactory(SslConnectionFactory.class) != null ? "https" : "http";
    return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
  }
}
