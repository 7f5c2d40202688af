package io.vigil.http;

import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.push.Names;
import io.vigil.push.PushParser;
import io.vigil.store.Store;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads scoped to one tenant, with that tenant's read key (or an admin key):
 * GET /tenants/{account}/metrics (only that tenant's series) and
 * GET /tenants/{account}/runs?customer=&device=&job=&from=&to= (one job's run history, JSON) and
 * GET /tenants/{account}/chains?connector=&folder=&volume= (one volume's chains from its connector, see {@link ChainsEndpoint}).
 */
final class TenantServlet extends ApiServlet {
  private static final Duration DEFAULT_HISTORY = Duration.ofDays(31);
  private static final String NO_SUCH_PATH = "no such path; use /tenants/{account}/metrics, /tenants/{account}/runs or"
      + " /tenants/{account}/chains";

  private final Function<String, Scrape> newScrape;
  private final Map<String, Scrape> scrapes = new ConcurrentHashMap<>();
  private final Store store;
  private final LiveConfig config;
  private final Clock clock;
  private final ChainsEndpoint chains;

  TenantServlet(Gate gate, Function<String, Scrape> newScrape, Store store, LiveConfig config, Clock clock, ChainsEndpoint chains) {
    super(gate, "GET", "HEAD");
    this.chains = chains;
    this.clock = clock;
    this.newScrape = newScrape;
    this.store = store;
    this.config = config;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Grant> grant = authenticate(request, response);
    if (grant.isEmpty()) {
      return;
    }
    String[] parts = request.getRequestURI().split("/");
    if (parts.length != 4 || !ConfigLoader.ACCOUNT.matcher(parts[2]).matches()) {
      Json.error(response, 404, NO_SUCH_PATH);
      return;
    }
    String account = parts[2];
    if (!grant.get().mayRead(account)) {
      // The same answer whether or not the tenant exists, so a key cannot probe for other tenants.
      refuse(request, response, grant.get(), 403, "this key may not read tenant '" + account + "'");
      return;
    }
    if (config.current().tenant(account).isEmpty()) {
      Json.error(response, 404, "no tenant '" + account + "' is configured");
      return;
    }
    switch (parts[3]) {
      case "metrics" -> scrapes.computeIfAbsent(account, newScrape).handle(request, response);
      case "runs" -> runs(account, request, response);
      case "chains" -> chains.handle(account, request, response);
      default -> Json.error(response, 404, NO_SUCH_PATH);
    }
  }

  private void runs(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String customer = request.getParameter("customer");
    String device = request.getParameter("device");
    String job = request.getParameter("job");
    if (customer == null || device == null || job == null) {
      Json.error(response, 400, "customer, device and job are required query parameters; from and to (ISO-8601) are optional");
      return;
    }
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
      runs = store.runs(new JobKey(account, Names.normalize(customer), Names.normalize(device), Names.normalize(job)), from, to);
    } catch (StoreException e) {
      Json.error(response, 503, "the run history cannot be read now: " + e.getMessage());
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("device", device);
    body.put("job", job);
    body.put("runs", runs.stream().map(TenantServlet::describe).toList());
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
