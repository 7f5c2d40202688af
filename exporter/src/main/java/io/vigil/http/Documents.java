package io.vigil.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a rendered document (HTML, text, PDF) as a 200 answer that is never cached. */
final class Documents {
  private Documents() {}

  static void send(HttpServletResponse response, String contentType, byte[] body) throws IOException {
    response.setStatus(200);
    response.setContentType(contentType);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
