package io.vigil.http;

import io.vigil.config.ConfigException;
import io.vigil.config.LiveConfig;
import io.vigil.config.VigilConfig;
import io.vigil.push.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** POST /api/v1/admin/reload (admin key): re-reads tenants and keys, as SIGHUP does. */
record ReloadHandler(LiveConfig config) implements Handler {
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException {
    try {
      VigilConfig reloaded = config.reload();
      Json.send(response, 200, Map.of("reloaded", true, "tenants", reloaded.tenants().size()));
    } catch (ConfigException e) {
      Json.error(response, 400, "the configuration file has problems; the running configuration is unchanged",
          e.problems().stream().map(p -> new Problem("config", p)).toList());
    }
  }

  @Override
  public String forbidden(Grant grant) {
    return "reloading the configuration needs an admin key";
  }
}
