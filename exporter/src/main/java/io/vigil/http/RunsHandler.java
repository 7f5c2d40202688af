package io.vigil.http;

import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.push.Names;
import io.vigil.push.PushParser;
import io.vigil.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GET /tenants/{account}/runs?customer=&device=&job=&from=&to=: one job's run history, JSON. */
record RunsHandler(RunHistory history, Clock clock) implements TenantHandler {
  private static final Duration DEFAULT_HISTORY = Duration.ofDays(31);

  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<List<String>> required = Parameters.required(request, response,
        "customer, device and job are required query parameters; from and to (ISO-8601) are optional", "customer", "device", "job");
    if (required.isEmpty()) {
      return;
    }
    String customer = required.get().get(0);
    String device = required.get().get(1);
    String job = required.get().get(2);
    Instant to;
    Instant from;
    try {
      // By default up to the newest time a push may carry, so every accepted run is listed.
      to = request.getParameter("to") != null ? Instant.parse(request.getParameter("to"))
          : clock.instant().plus(PushParser.MAX_CLOCK_SKEW).plusSeconds(1);
      from = request.getParameter("from") != null ? Instant.parse(request.getParameter("from")) : to.minus(DEFAULT_HISTORY);
    } catch (DateTimeParseException e) {
      Json.error(response, 400, "from and to must be ISO-8601 times such as 2026-11-01T00:00:00Z");
      return;
    }
    List<JobRun> runs;
    try {
      runs = history.runs(new JobKey(account, Names.normalize(customer), Names.normalize(device), Names.normalize(job)), from, to);
    } catch (StoreException e) {
      Json.error(response, 503, "the run history cannot be read now: " + e.getMessage());
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("device", device);
    body.put("job", job);
    body.put("runs", runs.stream().map(RunsHandler::describe).toList());
    Json.send(response, 200, body);
  }

  private static Map<String, Object> describe(JobRun run) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("run_id", run.runId());
    item.put("status", run.result().label());
    item.put("started_at", run.startedAt().toString());
    item.put("ended_at", run.endedAt().toString());
    item.put("bytes", run.bytes());
    item.put("files", run.files());
    item.put("errors", run.errors());
    item.put("warnings", run.warnings());
    item.put("message", run.message());
    return item;
  }
}
