package io.vigil.http;

import io.vigil.config.KeyRole;
import io.vigil.metrics.SelfMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Who may come in (the key and its role), how often (the key's rate limit), and who hears of refusals. */
record Gate(Authenticator auth, RateLimiter limiter, Refusals refusals) {
  /**
   * The grant of the request's bearer key when it has the role {@code access} asks for. Answers 400 for two
   * keys, 401 for no valid key, 429 with Retry-After when the key is over its rate limit, 403 for the wrong
   * role, and returns empty then.
   */
  Optional<Grant> admit(Access access, Handler handler, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isEmpty()) {
      return grant;
    }
    String forbidden = switch (access) {
      case PUSH -> grant.get().role() == KeyRole.PUSH ? null : "this key may not push; use a push key of the tenant";
      case ADMIN -> grant.get().admin() ? null : handler.forbidden(grant.get());
      case READ, NONE -> null;
    };
    if (forbidden != null) {
      refuse(request, response, grant.get(), 403, forbidden);
      return Optional.empty();
    }
    return grant;
  }

  private Optional<Grant> authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
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

  /** The tenant whose key the request carries, whether or not it may do what it asks; empty for none. */
  String tenantOfKey(HttpServletRequest request) {
    List<String> headers = Collections.list(request.getHeaders("Authorization"));
    return headers.size() != 1 ? SelfMetrics.NO_TENANT
        : auth.authenticate(headers.get(0)).map(Grant::tenant).orElse(SelfMetrics.NO_TENANT);
  }

  /** Answers with a JSON error and logs the refusal; {@code grant} is null when the request has no valid key. */
  void refuse(HttpServletRequest request, HttpServletResponse response, Grant grant, int status, String message) throws IOException {
    Json.error(response, status, message);
    refusals.refused(request, grant, status, message);
  }
}
