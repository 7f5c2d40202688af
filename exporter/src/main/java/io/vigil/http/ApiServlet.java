package io.vigil.http;

import io.vigil.config.KeyRole;
import io.vigil.metrics.SelfMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;

/**
 * Common ground of the API servlets: JSON errors for wrong methods, authentication, bounded bodies,
 * and a (throttled) log line for each refusal.
 */
abstract class ApiServlet extends HttpServlet {
  private final Set<String> methods;
  private final Authenticator auth;
  private final RateLimiter limiter;
  private final Refusals refusals;

  ApiServlet(Gate gate, String... methods) {
    this.auth = gate.auth();
    this.limiter = gate.limiter();
    this.refusals = gate.refusals();
    this.methods = Set.of(methods);
  }

  /** Who may come in (the key), how often (the key's rate limit), and who hears of refusals. */
  record Gate(Authenticator auth, RateLimiter limiter, Refusals refusals) {}

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
    List<String> headers = Collections.list(request.getHeaders("Authorization"));
    if (headers.size() > 1) {
      // Proxies and servers disagree on which of two wins; guessing could authorize the wrong key.
      refuse(request, response, null, 400, "the request has " + headers.size() + " Authorization headers; send exactly one");
      return Optional.empty();
    }
    Optional<Grant> grant = auth.authenticate(headers.isEmpty() ? null : headers.get(0));
    if (grant.isEmpty()) {
      refuse(request, response, null, 401, "a valid key is required: send 'Authorization: Bearer KEY'");
      return grant;
    }
    Optional<Duration> wait = limiter.acquire(grant.get().keyId());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader("Retry-After", Long.toString(seconds));
      refuse(request, response, grant.get(), 429, "this key is over its rate limit; retry after " + seconds + " s");
      return Optional.empty();
    }
    return grant;
  }

  /** The grant of a tenant's push key; answers 400, 401, 403 or 429 and returns empty otherwise. */
  protected Optional<Grant> authenticatePusher(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isPresent() && grant.get().role() != KeyRole.PUSH) {
      refuse(request, response, grant.get(), 403, "this key may not push; use a push key of the tenant");
      return Optional.empty();
    }
    return grant;
  }

  /** The tenant whose key the request carries, whether or not it may do what it asks; empty for none. */
  protected String tenantOfKey(HttpServletRequest request) {
    List<String> headers = Collections.list(request.getHeaders("Authorization"));
    return headers.size() != 1 ? SelfMetrics.NO_TENANT
        : auth.authenticate(headers.get(0)).map(Grant::tenant).orElse(SelfMetrics.NO_TENANT);
  }

  /** Answers with a JSON error and logs the refusal; {@code grant} is null when the request has no valid key. */
  protected void refuse(HttpServletRequest request, HttpServletResponse response, Grant grant, int status, String message)
      throws IOException {
    Json.error(response, status, message);
    refusals.refused(request, grant, status, message);
  }

  protected Refusals refusals() {
    return refusals;
  }

  /**
   * The body, at most {@code max} bytes; null after answering 413 or 415, or 408 when it arrived slower
   * than {@code server.min_request_body_bytes_per_second} or stalled.
   */
  protected byte[] readBody(HttpServletRequest request, HttpServletResponse response, Grant grant, int max) throws IOException {
    String type = request.getContentType();
    if (type != null && !type.toLowerCase().contains("json")) {
      refuse(request, response, grant, 415, "send the body as application/json, not " + type);
      return null;
    }
    if (request.getContentLengthLong() > max) {
      closeAfter(request, response, grant, 413, "the body is " + request.getContentLengthLong() + " bytes; at most " + max
          + " are accepted");
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        closeAfter(request, response, grant, 413, "the body is larger than " + max + " bytes");
        return null;
      }
      return body;
    } catch (IOException e) {
      Throwable timeout = timeoutIn(e);
      if (timeout == null) {
        throw e;
      }
      closeAfter(request, response, grant, 408, "the request body did not arrive in time (" + timeout.getMessage()
          + "); nothing was kept, send it again");
      return null;
    }
  }

  /** The timeout (an idle one, or the body rate's) that failed a read; null for other failures. */
  private static Throwable timeoutIn(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException || cause instanceof HttpException http && http.getCode() == 408) {
        return cause;
      }
    }
    return null;
  }

  /** An error, and the connection closes after it: the rest of the body is never read. */
  private void closeAfter(HttpServletRequest request, HttpServletResponse response, Grant grant, int status, String message)
      throws IOException {
    response.setHeader("Connection", "close");
    refuse(request, response, grant, status, message);
  }
}
