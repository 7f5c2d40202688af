package io.vigil.http;

import io.vigil.state.Retired;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Tells operators about refused API requests (any 4xx, 401, 403 and 429 included) and retirements:
 * one log line per key, endpoint and status a minute, with the tenant and the key's name (or the
 * first digits of its SHA-256), never the key.
 */
final class Refusals {
  static final Duration PERIOD = Duration.ofMinutes(1);

  private final ThrottledLog log;

  Refusals(Clock clock) {
    this.log = new ThrottledLog(LoggerFactory.getLogger(Refusals.class), clock, PERIOD);
  }

  /** {@code grant} is null when the request carried no valid key. */
  void refused(HttpServletRequest request, Grant grant, int status, String reason) {
    String who = grant == null ? "no valid key from " + request.getRemoteAddr() : describe(grant);
    String subject = (grant == null ? request.getRemoteAddr() : grant.keyId()) + " " + request.getRequestURI() + " " + status;
    log.warn(ThrottledLog.quote(subject), request.getMethod() + " " + ThrottledLog.quote(request.getRequestURI()) + " refused with "
        + status + " (" + who + "): " + ThrottledLog.quote(reason));
  }

  void retired(Grant grant, String customer, String device, String job, Retired retired) {
    log.info(grant.keyId() + " retire", "retired " + retired.jobs() + " job(s) and " + retired.devices() + " device(s) ("
        + describe(grant) + "): customer '" + ThrottledLog.quote(customer) + "', device '" + ThrottledLog.quote(device) + "'"
        + (job != null ? ", job '" + ThrottledLog.quote(job) + "'" : ""));
  }

  private static String describe(Grant grant) {
    String key = grant.keyName() != null ? "'" + ThrottledLog.quote(grant.keyName()) + "'" : "sha256:" + grant.keyId().substring(0, 12);
    return grant.admin() ? "admin key " + key : "tenant " + grant.tenant() + ", " + grant.role().name().toLowerCase() + " key " + key;
  }
}
