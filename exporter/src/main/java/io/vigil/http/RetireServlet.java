package io.vigil.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vigil.config.LiveConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.model.DeviceKey;
import io.vigil.push.Names;
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
final class RetireServlet extends PushEndpoint {
  private final Recorder recorder;
  private final ObjectReader reader = Json.mapper().readerFor(Request.class)
      .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  RetireServlet(Gate gate, Recorder recorder, LiveConfig config, SelfMetrics metrics) {
    super("retire", gate, config, metrics);
    this.recorder = recorder;
  }

  @Override
  protected String accept(HttpServletRequest request, Grant grant, byte[] body, HttpServletResponse response) throws IOException {
    Request retire;
    try {
      retire = reader.readValue(body);
    } catch (IOException e) {
      // Not only JSON errors: bytes that look like UTF-16/32 fail decoding with a CharConversionException.
      String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      refuse(request, response, grant, 400, "expected {\"customer\": ..., \"device\": ..., \"job\": ... (optional)}: " + reason);
      return "rejected";
    }
    if (retire == null || retire.customer() == null || retire.device() == null) {
      refuse(request, response, grant, 400, "customer and device are required; add job to retire only that job");
      return "rejected";
    }
    Optional<Retired> retired = Durably.await(
        recorder.retire(new DeviceKey(grant.tenant(), Names.normalize(retire.customer()), Names.normalize(retire.device())),
            retire.job() == null ? null : Names.normalize(retire.job())), response);
    if (retired.isEmpty()) {
      return "unavailable";
    }
    metrics().retired(retired.get().jobs(), retired.get().devices(), "api");
    if (retired.get().jobs() + retired.get().devices() == 0) {
      refuse(request, response, grant, 404, "nothing to retire: no such " + (retire.job() != null ? "job" : "device") + " in the current state");
      return "rejected";
    }
    refusals().retired(grant, retire.customer(), retire.device(), retire.job(), retired.get());
    Json.send(response, 200, Map.of("retired_jobs", retired.get().jobs(), "retired_devices", retired.get().devices()));
    return "accepted";
  }

  record Request(String customer, String device, String job) {}
}
