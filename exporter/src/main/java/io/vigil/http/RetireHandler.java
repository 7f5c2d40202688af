package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.push.PushKind;
import io.vigil.push.PushRejected;
import io.vigil.push.RetireParser;
import io.vigil.push.Retirement;
import io.vigil.state.Recording;
import io.vigil.state.Retired;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * POST /api/v1/retire: a decommissioned job (or a device with all its jobs) leaves the current
 * state and the metrics; its history stays for reports. Takes the tenant's push key.
 */
final class RetireHandler extends PushHandler {
  private final RetireParser parser;
  private final Recording recorder;

  RetireHandler(Gate gate, RetireParser parser, Recording recorder, LiveConfig config, SelfMetrics metrics) {
    super(PushKind.RETIRE, gate, config, metrics);
    this.parser = parser;
    this.recorder = recorder;
  }

  @Override
  protected String accept(HttpServletRequest request, Grant grant, byte[] body, HttpServletResponse response) throws IOException {
    Retirement retire;
    try {
      retire = parser.parse(body);
    } catch (PushRejected e) {
      gate().refuse(request, response, grant, e.status(), e.getMessage());
      return "rejected";
    }
    Optional<Retired> retired = Durably.await(recorder.retire(retire.deviceIn(grant.tenant()), retire.normalizedJob()), response);
    if (retired.isEmpty()) {
      return "unavailable";
    }
    metrics().retired(retired.get().jobs(), retired.get().devices(), "api");
    if (retired.get().jobs() + retired.get().devices() == 0) {
      gate().refuse(request, response, grant, 404, "nothing to retire: no such " + (retire.job() != null ? "job" : "device")
          + " in the current state");
      return "rejected";
    }
    gate().refusals().retired(grant, retire.customer(), retire.device(), retire.job(), retired.get());
    Json.send(response, 200, Map.of("retired_jobs", retired.get().jobs(), "retired_devices", retired.get().devices()));
    return "accepted";
  }
}
