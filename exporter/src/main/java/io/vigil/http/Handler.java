package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers one endpoint's requests whose method and key its {@link Route} admitted. */
interface Handler {
  /** {@code grant} is the key's, or null on a route that takes none. */
  void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException;

  /** Why the key may not call an {@link Access#ADMIN} endpoint (the 403 message). */
  default String forbidden(Grant grant) {
    return "this endpoint needs an admin key";
  }

  /** Hears of a request its route refused for its key (400, 401, 403 or 429, already answered). */
  default void refused(HttpServletRequest request, HttpServletResponse response) {}
}
