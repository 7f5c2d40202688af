package io.vigil.http;

import io.vigil.config.ConfigException;
import io.vigil.config.LiveConfig;
import io.vigil.config.VigilConfig;
import io.vigil.push.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** POST /api/v1/admin/reload (admin key): re-reads tenants and keys, as SIGHUP does. */
final class ReloadServlet extends ApiServlet {
  private final LiveConfig config;

  ReloadServlet(Gate gate, LiveConfig config) {
    super(gate, "POST");
    this.config = config;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isEmpty()) {
      return;
    }
    if (!grant.get().admin()) {
      refuse(request, response, grant.get(), 403, "reloading the configuration needs an admin key");
      return;
    }
    try {
      VigilConfig reloaded = config.reload();
      Json.send(response, 200, Map.of("reloaded", true, "tenants", reloaded.tenants().size()));
    } catch (ConfigException e) {
      Json.error(response, 400, "the configuration file has problems; the running configuration is unchanged",
          e.problems().stream().map(p -> new Problem("config", p)).toList());
    }
  }
}
