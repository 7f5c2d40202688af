package io.vigil.http;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * GET /metrics with an admin key: every tenant, plus the exporter's own and JVM metrics. Content
 * negotiation (text / OpenMetrics) and gzip come from client_java's scrape handler.
 */
final class MetricsServlet extends ApiServlet {
  private final PrometheusScrapeHandler scrape;

  MetricsServlet(Gate gate, PrometheusRegistry registry) {
    super(gate, "GET", "HEAD");
    this.scrape = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isEmpty()) {
      return;
    }
    if (!grant.get().admin()) {
      Json.error(response, 403, "/metrics shows every tenant and needs an admin key; use /tenants/"
          + grant.get().tenant() + "/metrics with a read key");
      return;
    }
    scrape.handleRequest(new HttpExchangeAdapter(request, response));
  }
}
