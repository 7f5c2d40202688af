package io.vigil.http;

import io.vigil.config.ConfigException;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.tls.ServerTls;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a configuration reload (SIGHUP or the admin endpoint), re-reads the files of the {@code tls}
 * section into the running HTTPS connector: new connections get the new certificate, open ones
 * keep theirs. A certificate outside its dates is refused like any bad file. Turning TLS on or off
 * needs a restart, like the listen address. Knows when the certificate served now expires.
 */
final class CertificateReload implements Consumer<VigilConfig> {
  private static final Logger log = LoggerFactory.getLogger(CertificateReload.class);

  private final ServerConnector connector;
  private final Clock clock;
  private final boolean serving;
  private volatile Instant notAfter;

  /** {@code served} is null when the connector serves plain HTTP. */
  CertificateReload(ServerConnector connector, ServerTls served, Clock clock) {
    this.connector = connector;
    this.clock = clock;
    this.serving = served != null;
    this.notAfter = served != null ? TlsConfig.notAfter(served) : null;
  }

  /** The end of validity of the certificate new connections are shown; empty over plain HTTP. */
  Optional<Instant> notAfter() {
    return Optional.ofNullable(notAfter);
  }

  @Override
  public void accept(VigilConfig config) {
    if (serving != (config.tls() != null)) {
      log.warn("the tls section was {}: restart the exporter to serve {}", serving ? "removed" : "added", serving ? "HTTP" : "HTTPS");
      return;
    }
    if (!serving) {
      return;
    }
    try {
      ServerTls tls = config.tls().load(clock);
      tls.reload(connector);
      notAfter = TlsConfig.notAfter(tls);
      log.info("TLS certificate and key reloaded; the certificate is valid until {}", notAfter);
    } catch (ConfigException e) {
      log.error("TLS files not reloaded, the current certificate stays: {}", e.getMessage());
    } catch (Exception e) {
      log.error("TLS files not reloaded, the current certificate stays", e);
    }
  }
}
