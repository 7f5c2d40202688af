package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** A POST that takes a tenant's push key and a bounded JSON body; every request is counted by its result. */
abstract class PushEndpoint extends ApiServlet {
  private final String kind;
  private final LiveConfig config;
  private final SelfMetrics metrics;

  PushEndpoint(String kind, Gate gate, LiveConfig config, SelfMetrics metrics) {
    super(gate, "POST");
    this.kind = kind;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  protected final void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticatePusher(request, response);
    if (grant.isEmpty()) {
      metrics.push(kind, tenantOfKey(request), switch (response.getStatus()) {
        case 400 -> "rejected";
        case 429 -> "rate_limited";
        default -> "unauthorized";
      });
      return;
    }
    String tenant = grant.get().tenant();
    byte[] body = readBody(request, response, grant.get(), config.current().limits().maxBodyBytes());
    if (body == null) {
      metrics.push(kind, tenant, response.getStatus() == 408 ? "timeout" : "rejected");
      return;
    }
    metrics.push(kind, tenant, accept(request, grant.get(), body, response));
  }

  /** Validates and applies the body for the key's tenant, answers, and returns the result to count. */
  protected abstract String accept(HttpServletRequest request, Grant grant, byte[] body, HttpServletResponse response)
      throws IOException;

  protected SelfMetrics metrics() {
    return metrics;
  }
}
