package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /} (exactly): the console, so a person who opens the exporter's address in a browser finds it. */
final class RootRedirect implements Handler {
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) {
    response.setStatus(303);
    response.setHeader("Location", "/console/");
  }
}
