package io.vigil.http;

import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /tenants/{account}/{endpoint}: checks the account, that the key may read it (that tenant's read key or an
 * admin key) and that it is configured, then hands the request to the endpoint's {@link TenantHandler}.
 */
final class TenantRouter implements Handler {
  private final Gate gate;
  private final LiveConfig config;
  private final Map<String, TenantHandler> endpoints;
  private final String noSuchPath;

  /** {@code endpoints}: by the last part of their path, in the order the 404 lists them. */
  TenantRouter(Gate gate, LiveConfig config, Map<String, TenantHandler> endpoints) {
    this.gate = gate;
    this.config = config;
    this.endpoints = endpoints;
    List<String> paths = new ArrayList<>(paths());
    String last = paths.remove(paths.size() - 1);
    this.noSuchPath = "no such path; use " + (paths.isEmpty() ? "" : String.join(", ", paths) + " or ") + last;
  }

  /** The endpoints' paths, e.g. for a list of every endpoint. */
  List<String> paths() {
    return endpoints.keySet().stream().map(name -> "/tenants/{account}/" + name).toList();
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException {
    // The endpoint is everything after the account, e.g. "reports/daily".
    String[] parts = request.getRequestURI().split("/", 4);
    if (parts.length != 4 || !ConfigLoader.ACCOUNT.matcher(parts[2]).matches()) {
      Json.error(response, 404, noSuchPath);
      return;
    }
    String account = parts[2];
    if (!grant.mayRead(account)) {
      // The same answer whether or not the tenant exists, so a key cannot probe for other tenants.
      gate.refuse(request, response, grant, 403, "this key may not read tenant '" + account + "'");
      return;
    }
    if (config.current().tenant(account).isEmpty()) {
      Json.error(response, 404, "no tenant '" + account + "' is configured");
      return;
    }
    TenantHandler endpoint = endpoints.get(parts[3].replaceAll("/+$", ""));
    if (endpoint == null) {
      Json.error(response, 404, noSuchPath);
      return;
    }
    endpoint.handle(account, request, response);
  }
}
