package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** GET /tenants/{account}/metrics: only that tenant's series. */
final class TenantMetrics implements TenantHandler {
  private final Function<String, Scrape> newScrape;
  private final Map<String, Scrape> scrapes = new ConcurrentHashMap<>();

  TenantMetrics(Function<String, Scrape> newScrape) {
    this.newScrape = newScrape;
  }

  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    scrapes.computeIfAbsent(account, newScrape).handle(request, response);
  }
}
