package io.vigil.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.model.DeviceKey;
import io.vigil.state.Recorder;
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
final class RetireServlet extends ApiServlet {
  private final Recorder recorder;
  private final LiveConfig config;
  private final SelfMetrics metrics;
  private final ObjectReader reader = Json.mapper().readerFor(Request.class)
      .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  RetireServlet(Authenticator auth, Recorder recorder, LiveConfig config, SelfMetrics metrics) {
    super(auth, "POST");
    this.recorder = recorder;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticatePusher(request, response);
    if (grant.isEmpty()) {
      metrics.push("retire", "unauthorized");
      return;
    }
    byte[] body = readBody(request, response, config.current().limits().maxBodyBytes());
    if (body == null) {
      metrics.push("retire", "rejected");
      return;
    }
    Request retire;
    try {
      retire = reader.readValue(body);
    } catch (JsonProcessingException e) {
      metrics.push("retire", "rejected");
      Json.error(response, 400, "expected {\"customer\": ..., \"device\": ..., \"job\": ... (optional)}: " + e.getOriginalMessage());
      return;
    }
    if (retire == null || retire.customer() == null || retire.device() == null) {
      metrics.push("retire", "rejected");
      Json.error(response, 400, "customer and device are required; add job to retire only that job");
      return;
    }
    Optional<Retired> retired = Durably.await(
        recorder.retire(new DeviceKey(grant.get().tenant(), retire.customer(), retire.device()), retire.job()), response);
    if (retired.isEmpty()) {
      metrics.push("retire", "unavailable");
      return;
    }
    metrics.push("retire", "accepted");
    metrics.retired(retired.get().jobs(), retired.get().devices(), "api");
    if (retired.get().jobs() + retired.get().devices() == 0) {
      Json.error(response, 404, "nothing to retire: no such " + (retire.job() != null ? "job" : "device") + " in the current state");
      return;
    }
    Json.send(response, 200, Map.of("retired_jobs", retired.get().jobs(), "retired_devices", retired.get().devices()));
  }

  record Request(String customer, String device, String job) {}
}
