package io.vigil.http;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.metrics.ConnectorCollector;
import io.vigil.metrics.ConnectorExposition;
import io.vigil.metrics.FleetCollector;
import io.vigil.metrics.FleetExposition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.ThreadFactory;

/**
 * One scrape endpoint's answer. In the text formats (0.0.4 and OpenMetrics, chosen from Accept by
 * client_java's negotiation, gzip when accepted, by {@link ScrapeGzip}) the fleet's families are streamed by
 * {@link FleetExposition}, then the connectors' families by {@link ConnectorExposition} with everything else
 * in {@code others} (written by client_java) in among them by name. Protobuf, {@code ?name[]=} and
 * {@code ?debug=} go to client_java's own handler, with the fleet and the connectors as
 * {@link FleetCollector} and {@link ConnectorCollector} snapshots: slower, the same series.
 */
public final class Scrape {
  private final FleetExposition fleet;
  private final ConnectorExposition chains;
  private final PrometheusRegistry others;
  private final ExpositionFormats formats = ExpositionFormats.init(PrometheusProperties.get());
  private final PrometheusScrapeHandler clientJava;
  private final ThreadFactory gzipThreads = ScrapeGzip.daemonThreads();

  public Scrape(FleetExposition fleet, FleetCollector fleetAsSnapshots, ConnectorExposition chains, ConnectorCollector chainsAsSnapshots,
      PrometheusRegistry others) {
    this.fleet = fleet;
    this.chains = chains;
    this.others = others;
    PrometheusRegistry everything = new PrometheusRegistry();
    everything.register(fleetAsSnapshots);
    everything.register(chainsAsSnapshots);
    everything.register((MultiCollector) others::scrape);
    this.clientJava = new PrometheusScrapeHandler(PrometheusProperties.get(), everything);
  }

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(request.getHeader("Accept"));
    FleetExposition.Format format = writer == formats.getPrometheusTextFormatWriter() ? FleetExposition.Format.TEXT
        : writer == formats.getOpenMetricsTextFormatWriter() ? FleetExposition.Format.OPENMETRICS : null;
    if (format == null || request.getParameter("name[]") != null || request.getParameter("debug") != null) {
      clientJava.handleRequest(new HttpExchangeAdapter(request, response));
      return;
    }
    response.setStatus(200);
    response.setHeader("Content-Type", writer.getContentType());
    if (request.getMethod().equals("HEAD")) {
      return;
    }
    boolean gzip = Collections.list(request.getHeaders("Accept-Encoding")).stream()
        .flatMap(h -> Arrays.stream(h.split(","))).anyMatch(e -> e.trim().equalsIgnoreCase("gzip"));
    if (gzip) {
      response.setHeader("Content-Encoding", "gzip");
    }
    try (OutputStream body = gzip ? ScrapeGzip.open(response.getOutputStream(), gzipThreads) : response.getOutputStream()) {
      fleet.write(body, format);
      chains.write(body, format, others.scrape(), writer);
    }
  }
}
