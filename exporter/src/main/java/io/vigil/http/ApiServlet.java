package io.vigil.http;

import io.vigil.config.KeyRole;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Common ground of the API servlets: JSON errors for wrong methods, authentication, bounded bodies. */
abstract class ApiServlet extends HttpServlet {
  private final Set<String> methods;
  private final Authenticator auth;
  private final RateLimiter limiter;

  ApiServlet(Gate gate, String... methods) {
    this.auth = gate.auth();
    this.limiter = gate.limiter();
    this.methods = Set.of(methods);
  }

  /** Who may come in (the key) and how often (the key's rate limit). */
  record Gate(Authenticator auth, RateLimiter limiter) {}

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!methods.contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", methods));
      Json.error(response, 405, request.getMethod() + " is not allowed here; use " + String.join(" or ", methods));
      return;
    }
    handle(request, response);
  }

  protected abstract void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;

  /**
   * The grant of the request's bearer key. Answers 401 when there is none, 429 with Retry-After when
   * the key is over its rate limit, and returns empty then.
   */
  protected Optional<Grant> authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = auth.authenticate(request.getHeader("Authorization"));
    if (grant.isEmpty()) {
      Json.error(response, 401, "a valid key is required: send 'Authorization: Bearer KEY'");
      return grant;
    }
    Optional<Duration> wait = limiter.acquire(grant.get().keyId());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader("Retry-After", Long.toString(seconds));
      Json.error(response, 429, "this key is over its rate limit; retry after " + seconds + " s");
      return Optional.empty();
    }
    return grant;
  }

  /** The grant of a tenant's push key; answers 401 or 403 and returns empty otherwise. */
  protected Optional<Grant> authenticatePusher(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isPresent() && grant.get().role() != KeyRole.PUSH) {
      Json.error(response, 403, "this key may not push; use a push key of the tenant");
      return Optional.empty();
    }
    return grant;
  }

  /** The body, at most {@code max} bytes; null after answering 413 or 415. */
  protected static byte[] readBody(HttpServletRequest request, HttpServletResponse response, int max) throws IOException {
    String type = request.getContentType();
    if (type != null && !type.toLowerCase().contains("json")) {
      Json.error(response, 415, "send the body as application/json, not " + type);
      return null;
    }
    if (request.getContentLengthLong() > max) {
      tooLarge(response, "the body is " + request.getContentLengthLong() + " bytes; at most " + max + " are accepted");
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        tooLarge(response, "the body is larger than " + max + " bytes");
        return null;
      }
      return body;
    }
  }

  /** 413, and the connection closes after it: the rest of the body is never read. */
  private static void tooLarge(HttpServletResponse response, String message) throws IOException {
    response.setHeader("Connection", "close");
    Json.error(response, 413, message);
  }
}
