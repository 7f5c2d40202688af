package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** /-/healthy (the process answers) and /-/ready (state loaded, writes can succeed); no key needed. */
record HealthHandler(BooleanSupplier ready) implements Handler {
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException {
    boolean ok = request.getRequestURI().equals("/-/healthy") || ready.getAsBoolean();
    response.setStatus(ok ? 200 : 503);
    response.setContentType("text/plain");
    response.getWriter().print(ok ? "OK\n" : "not ready\n");
  }
}
