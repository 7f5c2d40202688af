package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.model.Report;
import io.vigil.push.PushKind;
import io.vigil.push.PushParser;
import io.vigil.push.PushRejected;
import io.vigil.state.Outcome;
import io.vigil.state.Recorder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** POST of one push kind: authenticate, parse and validate the whole body, one durable write, answer. */
final class PushServlet extends ApiServlet {
  private final PushKind kind;
  private final Recorder recorder;
  private final LiveConfig config;
  private final SelfMetrics metrics;
  private final PushParser parser;

  PushServlet(PushKind kind, Authenticator auth, PushParser parser, Recorder recorder, LiveConfig config, SelfMetrics metrics) {
    super(auth, "POST");
    this.kind = kind;
    this.parser = parser;
    this.recorder = recorder;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticatePusher(request, response);
    if (grant.isEmpty()) {
      metrics.push(kind.label(), "unauthorized");
      return;
    }
    byte[] body = readBody(request, response, config.current().limits().maxBodyBytes());
    if (body == null) {
      metrics.push(kind.label(), "rejected");
      return;
    }
    List<Report> reports;
    try {
      reports = parser.parse(kind, grant.get().tenant(), body);
    } catch (PushRejected e) {
      metrics.push(kind.label(), "rejected");
      Json.error(response, e.status(), e.getMessage(), e.problems());
      return;
    }
    Optional<Outcome> outcome = Durably.await(recorder.record(reports), response);
    if (outcome.isEmpty()) {
      metrics.push(kind.label(), "unavailable");
      return;
    }
    metrics.push(kind.label(), "accepted");
    Json.send(response, 200, Map.of("accepted", outcome.get().accepted(), "duplicates", outcome.get().duplicates()));
  }
}
