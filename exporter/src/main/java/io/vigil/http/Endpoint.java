package io.vigil.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** Serves one {@link Route}: its methods only (405 with Allow otherwise), then its key, then its handler. */
final class Endpoint extends HttpServlet {
  private final Route route;
  private final Gate gate;

  Endpoint(Route route, Gate gate) {
    this.route = route;
    this.gate = gate;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!route.methods().isEmpty() && !route.methods().contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", route.methods()));
      Json.error(response, 405, request.getMethod() + " is not allowed here; use " + String.join(" or ", route.methods()));
      return;
    }
    Grant grant = null;
    if (route.access() != Access.NONE) {
      Optional<Grant> admitted = gate.admit(route.access(), route.handler(), request, response);
      if (admitted.isEmpty()) {
        route.handler().refused(request, response);
        return;
      }
      grant = admitted.get();
    }
    route.handler().handle(request, response, grant);
  }
}
