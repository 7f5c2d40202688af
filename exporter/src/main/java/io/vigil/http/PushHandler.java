package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.push.PushKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;

/** A push: a tenant's push key and a bounded JSON body; every request its route admits or refuses is counted by its result. */
abstract class PushHandler implements Handler {
  private final PushKind kind;
  private final Gate gate;
  private final LiveConfig config;
  private final SelfMetrics metrics;

  PushHandler(PushKind kind, Gate gate, LiveConfig config, SelfMetrics metrics) {
    this.kind = kind;
    this.gate = gate;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public final void refused(HttpServletRequest request, HttpServletResponse response) {
    metrics.push(kind, gate.tenantOfKey(request), switch (response.getStatus()) {
      case 400 -> "rejected";
      case 429 -> "rate_limited";
      default -> "unauthorized";
    });
  }

  @Override
  public final void handle(HttpServletRequest request, HttpServletResponse response, Grant grant) throws IOException {
    long started = System.nanoTime();
    byte[] body = readBody(request, response, grant, config.current().limits().maxBodyBytes());
    if (body == null) {
      metrics.push(kind, grant.tenant(), response.getStatus() == 408 ? "timeout" : "rejected");
      return;
    }
    metrics.push(kind, grant.tenant(), accept(request, grant, body, response));
    metrics.pushDuration(kind, (System.nanoTime() - started) / 1e9);
  }

  /** Validates and applies the body for the key's tenant, answers, and returns the result to count. */
  protected abstract String accept(HttpServletRequest request, Grant grant, byte[] body, HttpServletResponse response)
      throws IOException;

  protected Gate gate() {
    return gate;
  }

  protected SelfMetrics metrics() {
    return metrics;
  }

  /**
   * The body, at most {@code max} bytes; null after answering 413 or 415, or 408 when it arrived slower
   * than {@code server.min_request_body_bytes_per_second} or stalled.
   */
  private byte[] readBody(HttpServletRequest request, HttpServletResponse response, Grant grant, int max) throws IOException {
    String type = request.getContentType();
    if (type != null && !type.toLowerCase().contains("json")) {
      gate.refuse(request, response, grant, 415, "send the body as application/json, not " + type);
      return null;
    }
    if (request.getContentLengthLong() > max) {
      closeAfter(request, response, grant, 413, "the body is " + request.getContentLengthLong() + " bytes; at most " + max
          + " are accepted");
      return null;
    }
    long length = request.getContentLengthLong();
    try (InputStream in = request.getInputStream()) {
      // With a Content-Length (checked above) the body is read into an array of its size; without, up to one byte too many.
      byte[] body = length >= 0 ? readDeclared(in, (int) length) : in.readNBytes(max + 1);
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

  private static byte[] readDeclared(InputStream in, int length) throws IOException {
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    return read == length ? body : Arrays.copyOf(body, read);
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
    gate.refuse(request, response, grant, status, message);
  }
}
