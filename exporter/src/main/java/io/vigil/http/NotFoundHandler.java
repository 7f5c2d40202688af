package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Every path that is not an endpoint gets a JSON 404 that lists the {@code endpoints}, e.g. "/metrics, /-/healthy". */
record NotFoundHandler(String endpoints) implements Handler {
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException {
    Json.error(response, 404, "no such endpoint: " + request.getRequestURI() + "; see " + endpoints);
  }
}
