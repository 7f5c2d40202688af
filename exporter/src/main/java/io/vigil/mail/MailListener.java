package io.vigil.mail;

import io.vigil.config.LiveConfig;
import io.vigil.config.MailListenerConfig;
import io.vigil.config.MailListenerConfig.StartTls;
import io.vigil.tls.ServerTls;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP listener: SubEthaSMTP bound to {@code smtp.listen}, with its bounds ({@link MailListenerConfig}), STARTTLS with the
 * exporter's certificate (TLS 1.2 and 1.3 only), and each transaction handled by a {@link SmtpTransaction}.
 */
public final class MailListener implements AutoCloseable {
  private final SMTPServer server;
  private final ScheduledExecutorService timer;
  private final InetSocketAddress address;

  private MailListener(SMTPServer server, ScheduledExecutorService timer, InetSocketAddress address) {
    this.server = server;
    this.timer = timer;
    this.address = address;
  }

  /** Binds and starts serving; {@code tls} (may be null) is the exporter's certificate. */
  public static MailListener start(LiveConfig config, MailIngest ingest, MailMetrics metrics, ServerTls tls, Clock clock)
      throws IOException {
    MailListenerConfig smtp = config.current().smtp();
    InetSocketAddress bind = bindAddress(smtp.listen());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-smtp-deadlines");
      t.setDaemon(true);
      return t;
    });
    AddressRate rate = new AddressRate(() -> config.current().smtp().messagesPerMinutePerAddress(), clock);
    SMTPServer.Builder builder = SMTPServer.port(bind.getPort())
        .bindAddress(bind.getAddress())
        .hostName(smtp.hostname())
        .softwareName("Vigil")
        .maxMessageSize(smtp.maxMessageBytes())
        .maxConnections(smtp.maxConnections())
        .maxRecipients(20)
        .connectionTimeoutMs((int) smtp.idleTimeout().toMillis())
        .insertReceivedHeaders(false)
        .sessionHandler(new SessionLimits(smtp.maxConnectionsPerAddress(), smtp.maxSession(), timer))
        .serverThreadName("vigil-smtp")
        .messageHandlerFactory(context -> new SmtpTransaction(config, ingest, metrics, rate, context.getRemoteAddress()));
    StartTls startTls = smtp.startTls(tls != null);
    if (startTls != StartTls.OFF) {
      SSLContext context = sslContext(tls);
      builder.enableTLS().requireTLS(startTls == StartTls.REQUIRED).startTlsSocketFactory(socket -> {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, remote.getHostString(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return ssl;
      });
    }
    SMTPServer server = builder.build();
    try {
      server.start();
    } catch (RuntimeException e) {
      timer.shutdownNow();
      // The library wraps a failed bind (a busy port): the command line names it, as for the HTTP listener.
      if (e.getCause() instanceof BindException busy) {
        throw new SmtpBindException(smtp.listen(), busy.getMessage());
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
    int port = bind.getPort() == 0 ? server.getPortAllocated() : bind.getPort();
    return new MailListener(server, timer, new InetSocketAddress(bind.getAddress(), port));
  }

  private static SSLContext sslContext(ServerTls tls) throws IOException {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(tls.identity().store(), tls.identity().password());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the exporter's certificate for STARTTLS: " + e.getMessage(), e);
    }
  }

  static InetSocketAddress bindAddress(String listen) throws IOException {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(InetAddress.getByName(host.isEmpty() ? "0.0.0.0" : host), Integer.parseInt(listen.substring(colon + 1)));
  }

  /** Where it listens, with the port it was given when the configuration said 0. */
  public InetSocketAddress address() {
    return address;
  }

  /** Stops taking connections and closes the open ones. */
  @Override
  public void close() {
    server.stop();
    timer.shutdownNow();
  }
}
