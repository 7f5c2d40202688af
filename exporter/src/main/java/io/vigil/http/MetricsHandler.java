package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /metrics with an admin key: every tenant, plus the exporter's own and JVM metrics. */
record MetricsHandler(Scrape scrape) implements Handler {
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException {
    scrape.handle(request, response);
  }

  @Override
  public String forbidden(Grant grant) {
    return "/metrics shows every tenant and needs an admin key; use /tenants/" + grant.tenant() + "/metrics with a read key";
  }
}
