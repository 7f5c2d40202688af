package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.console.ConsolePages;
import io.vigil.history.NightlyHistory;
import io.vigil.metrics.SelfMetrics;
import io.vigil.poll.ChainGraphs;
import io.vigil.push.PushKind;
import io.vigil.push.PushParser;
import io.vigil.push.RetireParser;
import io.vigil.report.Reports;
import io.vigil.state.Recording;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * What the endpoints answer with, and {@link #table} of every endpoint: its path, methods, the key it takes
 * and its handler. {@code all} scrapes every tenant; {@code tenantScrape} makes one tenant's scrape; {@code console}
 * builds the console's pages; {@code unparsedMails} reads the notification mails kept unparsed.
 */
public record Routes(Authenticator auth, PushParser parser, Recording recorder, RunHistory runs, SelfMetrics metrics, Scrape all,
    Function<String, Scrape> tenantScrape, ChainGraphs chains, ConsolePages console, BooleanSupplier ready,
    NightlyHistory history, Reports reports, UnparsedMails unparsedMails) {
  private static final List<String> GET = List.of("GET", "HEAD");
  private static final List<String> GET_POST = List.of("GET", "HEAD", "POST");
  private static final List<String> POST = List.of("POST");
  private static final List<String> ANY = List.of();

  List<Route> table(Gate gate, LiveConfig config, Clock clock) {
    Map<String, TenantHandler> tenantEndpoints = new LinkedHashMap<>();
    tenantEndpoints.put("metrics", new TenantMetrics(tenantScrape));
    tenantEndpoints.put("runs", new RunsHandler(runs, clock));
    tenantEndpoints.put("chains", new ChainsHandler(chains));
    tenantEndpoints.put("history", new HistoryHandler(history));
    tenantEndpoints.put("reports/daily", new DailyDigestHandler(reports));
    tenantEndpoints.put("reports/monthly", new MonthlyReportHandler(reports, config));
    tenantEndpoints.put("unparsed-mail", new UnparsedMailHandler(unparsedMails, config));
    TenantRouter tenants = new TenantRouter(gate, config, tenantEndpoints);
    HealthHandler health = new HealthHandler(ready);

    List<Route> routes = new ArrayList<>();
    routes.add(new Route("/metrics", GET, Access.ADMIN, new MetricsHandler(all)));
    routes.add(new Route("/tenants/*", GET, Access.READ, tenants));
    for (PushKind kind : PushKind.values()) {
      routes.add(new Route(kind.path(), POST, Access.PUSH, push(kind, gate, config)));
    }
    routes.add(new Route("/api/v1/admin/reload", POST, Access.ADMIN, new ReloadHandler(config)));
    routes.add(new Route("/-/healthy", GET, Access.NONE, health));
    routes.add(new Route("/-/ready", GET, Access.NONE, health));
    // The console signs in with a key of its own form and keeps a session: its pages take no bearer key.
    routes.add(new Route("/console/*", GET_POST, Access.NONE, new ConsoleHandler(auth, gate.refusals(), new ConsoleSessions(clock),
        console)));

    List<String> paths = new ArrayList<>();
    routes.forEach(route -> paths.addAll(route.handler() == tenants ? tenants.paths()
        : List.of(route.path().replace("/*", "/"))));
    routes.add(new Route("", GET, Access.NONE, new RootRedirect()));
    routes.add(new Route("/", ANY, Access.NONE, new NotFoundHandler(String.join(", ", paths))));
    return routes;
  }

  private Handler push(PushKind kind, Gate gate, LiveConfig config) {
    return switch (kind) {
      case JOB_REPORT, HEARTBEAT, EVENT, BATCH -> new ReportsHandler(kind, gate, parser, recorder, config, metrics);
      case RETIRE -> new RetireHandler(gate, new RetireParser(), recorder, config, metrics);
    };
  }
}
