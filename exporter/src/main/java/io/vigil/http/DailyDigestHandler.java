package io.vigil.http;

import io.vigil.report.DailyDigest;
import io.vigil.report.DigestRenderer;
import io.vigil.report.Reports;
import io.vigil.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** GET /tenants/{account}/reports/daily?format=json|html|text: the tenant's daily digest as of now (JSON by default). */
record DailyDigestHandler(Reports reports) implements TenantHandler {
  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String format = request.getParameter("format") == null ? "json" : request.getParameter("format");
    if (!format.equals("json") && !format.equals("html") && !format.equals("text")) {
      Json.error(response, 400, "format must be json, html or text");
      return;
    }
    DailyDigest digest;
    try {
      digest = reports.digest(account);
    } catch (StoreException e) {
      Json.error(response, 503, "the run history cannot be read now: " + e.getMessage());
      return;
    }
    switch (format) {
      case "html" -> Documents.send(response, "text/html; charset=utf-8", DigestRenderer.html(digest).getBytes(StandardCharsets.UTF_8));
      case "text" -> Documents.send(response, "text/plain; charset=utf-8", DigestRenderer.text(digest).getBytes(StandardCharsets.UTF_8));
      default -> Json.send(response, 200, DigestRenderer.json(digest));
    }
  }
}
