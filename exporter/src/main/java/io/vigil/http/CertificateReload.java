package io.vigil.http;

import io.vigil.config.ConfigException;
import io.vigil.config.VigilConfig;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a configuration reload (SIGHUP or the admin endpoint), re-reads the files of the {@code tls}
 * section into the running HTTPS connector: new connections get the new certificate, open ones
 * keep theirs. Turning TLS on or off needs a restart, like the listen address.
 */
final class CertificateReload implements Consumer<VigilConfig> {
  private static final Logger log = LoggerFactory.getLogger(CertificateReload.class);

  private final ServerConnector connector;
  private final boolean serving;

  CertificateReload(ServerConnector connector, boolean servingTls) {
    this.connector = connector;
    this.serving = servingTls;
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
      config.tls().load().reload(connector);
      log.info("TLS certificate and key reloaded");
    } catch (ConfigException e) {
      log.error("TLS files not reloaded, the current certificate stays: {}", e.getMessage());
    } catch (Exception e) {
      log.error("TLS files not reloaded, the current certificate stays", e);
    }
  }
}
