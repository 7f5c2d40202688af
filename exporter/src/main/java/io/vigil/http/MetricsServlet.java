package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * GET /metrics with an admin key: every tenant, plus the exporter's own and JVM metrics.
 */
final class MetricsServlet extends ApiServlet {
  private final Scrape scrape;

  MetricsServlet(Gate gate, Scrape scrape) {
    super(gate, "GET", "HEAD");
    this.scrape = scrape;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isEmpty()) {
      return;
    }
    if (!grant.get().admin()) {
      refuse(request, response, grant.get(), 403, "/metrics shows every tenant and needs an admin key; use /tenants/"
          + grant.get().tenant() + "/metrics with a read key");
      return;
    }
    scrape.handle(request, response);
  }
}
