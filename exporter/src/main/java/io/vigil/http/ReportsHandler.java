package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.model.Report;
import io.vigil.push.PushKind;
import io.vigil.push.PushParser;
import io.vigil.push.PushRejected;
import io.vigil.state.LimitExceeded;
import io.vigil.state.Outcome;
import io.vigil.state.Recording;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** POST of one kind of reports: parse and validate the whole body, one durable write, answer. */
final class ReportsHandler extends PushHandler {
  private final PushKind kind;
  private final PushParser parser;
  private final Recording recorder;
  private final LiveConfig config;

  ReportsHandler(PushKind kind, Gate gate, PushParser parser, Recording recorder, LiveConfig config, SelfMetrics metrics) {
    super(kind, gate, config, metrics);
    this.kind = kind;
    this.parser = parser;
    this.recorder = recorder;
    this.config = config;
  }

  @Override
  protected String accept(HttpServletRequest request, Grant grant, byte[] body, HttpServletResponse response) throws IOException {
    List<Report> reports;
    try {
      reports = parser.parse(kind, grant.tenant(), body);
    } catch (PushRejected e) {
      Json.error(response, e.status(), e.getMessage(), e.problems());
      gate().refusals().refused(request, grant, e.status(), e.getMessage());
      return "rejected";
    }
    Optional<Outcome> outcome = Durably.await(recorder.record(reports, config::entityLimitsFor), response);
    if (outcome.isEmpty()) {
      return "unavailable";
    }
    LimitExceeded over = outcome.get().overLimit();
    if (over != null) {
      refuse(over, response);
      gate().refusals().refused(request, grant, 422, over.message());
      return "rejected";
    }
    Json.send(response, 200, Map.of("accepted", outcome.get().accepted(), "duplicates", outcome.get().duplicates()));
    return "accepted";
  }

  /** 422: the push is valid but would take its tenant beyond an entity limit; re-sending it fails the same way. */
  private static void refuse(LimitExceeded over, HttpServletResponse response) throws IOException {
    Map<String, Object> refusal = Json.errorBody(422, over.message());
    refusal.put("limit", Map.of("tenant", over.tenant(), "kind", over.kind().label(), "limit", over.limit(),
        "current", over.current(), "adding", over.adding()));
    Json.send(response, 422, refusal);
  }
}
