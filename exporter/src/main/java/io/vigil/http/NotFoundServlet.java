package io.vigil.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Every path that is not an endpoint gets a JSON 404 that lists the endpoints. */
final class NotFoundServlet extends HttpServlet {
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Json.error(response, 404, "no such endpoint: " + request.getRequestURI() + "; see /metrics, /tenants/{account}/metrics, /tenants/{account}/runs,"
        + " /tenants/{account}/chains,"
        + " /api/v1/job-reports, /api/v1/heartbeats, /api/v1/events, /api/v1/batch, /api/v1/retire, /-/healthy, /-/ready");
  }
}
