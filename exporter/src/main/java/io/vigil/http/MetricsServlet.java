package io.vigil.http;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * GET /metrics (admin key: every tenant, plus the exporter's own and JVM metrics) and
 * GET /tenants/{account}/metrics (that tenant's read key, or an admin key: only that tenant).
 * Content negotiation (text / OpenMetrics) and gzip come from client_java's scrape handler.
 */
final class MetricsServlet extends ApiServlet {
  private final PrometheusScrapeHandler all;
  private final Function<String, PrometheusRegistry> tenantRegistry;
  private final LiveConfig config;
  private final Map<String, PrometheusScrapeHandler> perTenant = new ConcurrentHashMap<>();

  MetricsServlet(Authenticator auth, PrometheusRegistry all, Function<String, PrometheusRegistry> tenantRegistry, LiveConfig config) {
    super(auth, "GET", "HEAD");
    this.all = new PrometheusScrapeHandler(PrometheusProperties.get(), all);
    this.tenantRegistry = tenantRegistry;
    this.config = config;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isEmpty()) {
      return;
    }
    String path = request.getRequestURI();
    if (path.equals("/metrics")) {
      if (!grant.get().admin()) {
        Json.error(response, 403, "/metrics shows every tenant and needs an admin key; use /tenants/"
            + (grant.get().tenant()) + "/metrics with a read key");
        return;
      }
      all.handleRequest(new HttpExchangeAdapter(request, response));
      return;
    }
    String account = tenantOf(path);
    if (account == null) {
      Json.error(response, 404, "no such path; tenant metrics are at /tenants/{account}/metrics");
      return;
    }
    if (!grant.get().mayRead(account)) {
      // Same answer whether or not the tenant exists, so keys cannot probe for other tenants.
      Json.error(response, 403, "this key may not read tenant '" + account + "'");
      return;
    }
    if (config.current().tenant(account).isEmpty()) {
      Json.error(response, 404, "no tenant '" + account + "' is configured");
      return;
    }
    perTenant.computeIfAbsent(account, a -> new PrometheusScrapeHandler(PrometheusProperties.get(), tenantRegistry.apply(a)))
        .handleRequest(new HttpExchangeAdapter(request, response));
  }

  private static String tenantOf(String path) {
    String[] parts = path.split("/");
    if (parts.length == 4 && parts[1].equals("tenants") && parts[3].equals("metrics")
        && ConfigLoader.ACCOUNT.matcher(parts[2]).matches()) {
      return parts[2];
    }
    return null;
  }
}
