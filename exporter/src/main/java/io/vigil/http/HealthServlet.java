package io.vigil.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** /-/healthy (the process answers) and /-/ready (state loaded, writes can succeed); no key needed. */
final class HealthServlet extends HttpServlet {
  private final BooleanSupplier ready;

  HealthServlet(BooleanSupplier ready) {
    this.ready = ready;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean ok = request.getRequestURI().equals("/-/healthy") || ready.getAsBoolean();
    response.setStatus(ok ? 200 : 503);
    response.setContentType("text/plain");
    response.getWriter().print(ok ? "OK\n" : "not ready\n");
  }
}
