package io.vigil.console;

import io.vigil.config.LiveConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.TenantReports;
import io.vigil.config.VigilConfig;
import io.vigil.history.NightlyHistory;
import io.vigil.history.Nights;
import io.vigil.metrics.ConnectorView;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.ErrorEvent;
import io.vigil.model.ErrorState;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobStatus;
import io.vigil.model.StatusRules;
import io.vigil.poll.ChainGraphs;
import io.vigil.poll.ConnectorStates;
import io.vigil.report.Logo;
import io.vigil.state.Fleet;
import io.vigil.store.HistoryScope;
import io.vigil.store.StoreException;
import io.vigil.view.DeviceView;
import io.vigil.view.FleetView;
import io.vigil.view.JobView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the console's pages of one tenant from what every output reads: status from {@link FleetView}, connectors and
 * chains from {@link ConnectorView}, history from the store's read paths, chain graphs through {@link ChainGraphs}.
 * Derives no status of its own; it only picks, counts and orders. Every method reads the tenant it is given only.
 */
public final class ConsolePages {
  public static final int PAGE_SIZE = 50;
  /** How far back the customer, job and device pages read the store's history, in days (and nights). */
  public static final int HISTORY_DAYS = 31;
  /** The overview's nights per customer. */
  public static final int OVERVIEW_NIGHTS = 14;
  /** Statuses in order of how bad they are, worst first: the overview's sort and filter. */
  static final List<String> SEVERITY = List.of("failed", "missed", "unavailable", "error", "broken", "overdue", "down", "unverified", "warning",
      "ok");

  /** The store's run history ({@code Store::runs}). */
  @FunctionalInterface
  public interface Runs {
    List<JobRun> read(HistoryScope scope, Instant from, Instant to) throws StoreException;
  }

  /** The store's error event history ({@code Store::events}). */
  @FunctionalInterface
  public interface Events {
    List<ErrorEvent> read(HistoryScope scope, Instant from, Instant to) throws StoreException;
  }

  private final Fleet fleet;
  private final LiveConfig config;
  private final ConnectorStates connectors;
  private final Runs runs;
  private final Events events;
  private final ChainGraphs graphs;
  private final NightlyHistory nights;
  private final Clock clock;

  public ConsolePages(Fleet fleet, LiveConfig config, ConnectorStates connectors, Runs runs, Events events, ChainGraphs graphs,
      NightlyHistory nights, Clock clock) {
    this.fleet = fleet;
    this.config = config;
    this.connectors = connectors;
    this.runs = runs;
    this.events = events;
    this.graphs = graphs;
    this.nights = nights;
    this.clock = clock;
  }

  /** The tenants the console may show, in account order (the admin's tenant switcher). */
  public List<TenantConfig> tenants() {
    return config.current().tenants().stream().sorted(Comparator.comparing(TenantConfig::account)).toList();
  }

  public Optional<TenantConfig> tenant(String account) {
    return config.current().tenant(account);
  }

  /** The tenant's branding in the console: the same settings as its reports'. */
  public Brand brand(TenantConfig tenant) {
    return Brand.of(config.current().reportsFor(tenant.account()).branding(), tenant.name());
  }

  /** The tenant's logo, read now; empty when its branding has none. */
  public Optional<Logo> logo(String account) {
    TenantReports.Branding branding = config.current().reportsFor(account).branding();
    return branding == null ? Optional.empty() : Logo.read(branding.logoFile());
  }

  /** {@code status}: only customers with something of that status; {@code query}: customers whose name contains it. */
  public OverviewPage overview(String account, String status, String query, int page) throws StoreException {
    Map<String, Map<String, Long>> byCustomer = new TreeMap<>();
    Map<String, Long> totals = new LinkedHashMap<>();
    SEVERITY.forEach(s -> totals.put(s, 0L));
    Tenant tenant = read(account);
    tenant.fleet().jobs().forEach(job -> count(byCustomer, totals, job.key().customer(), job.status().label()));
    for (DeviceView device : tenant.fleet().devices()) {
      if (device.heartbeating()) {
        count(byCustomer, totals, device.key().customer(), device.up() ? "ok" : "unavailable");
      }
      device.state().errors().values().stream().filter(ErrorState::active)
          .forEach(e -> count(byCustomer, totals, device.key().customer(), "error"));
    }
    for (ConnectorView.VolumeRow chain : tenant.connectors().volumes()) {
      count(byCustomer, totals, chain.folder().customer(), chainStatus(chain));
    }
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<OverviewPage.CustomerRow> rows = new ArrayList<>();
    byCustomer.forEach((customer, counts) -> {
      if ((status == null || status.isEmpty() || counts.getOrDefault(status, 0L) > 0)
          && (needle.isEmpty() || customer.toLowerCase(Locale.ROOT).contains(needle))) {
        rows.add(new OverviewPage.CustomerRow(customer, Links.customer(account, customer), worst(counts), counts(counts), null));
      }
    });
    rows.sort(Comparator.comparingInt((OverviewPage.CustomerRow r) -> SEVERITY.indexOf(r.worst())));
    int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.min(Math.max(1, page), pages);
    LocalDate tonight = nights.tonight(account);
    LocalDate first = tonight.minusDays(OVERVIEW_NIGHTS - 1);
    // The nightly history of this page's customers only, found in one pass over the tenant's jobs, not one per row.
    List<OverviewPage.CustomerRow> onPage = rows.subList((current - 1) * PAGE_SIZE, Math.min(rows.size(), current * PAGE_SIZE));
    Map<String, Nights> pageNights = nights.nightsOfCustomers(account, onPage.stream().map(OverviewPage.CustomerRow::customer).toList(),
        first, tonight);
    List<OverviewPage.CustomerRow> shown = new ArrayList<>();
    for (OverviewPage.CustomerRow row : onPage) {
      shown.add(new OverviewPage.CustomerRow(row.customer(), row.link(), row.worst(), row.counts(),
          NightGrid.worstOf(pageNights.get(row.customer()), row.customer(), row.link()).cells()));
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(tonight); day = day.plusDays(1)) {
      days.add(day);
    }
    return new OverviewPage(counts(totals), status == null ? "" : status, query == null ? "" : query, SEVERITY, days, List.copyOf(shown),
        rows.size(), current, pages, current > 1 ? Links.overview(account, status, query, current - 1) : null,
        current < pages ? Links.overview(account, status, query, current + 1) : null);
  }

  public ErrorsPage errors(String account) {
    Tenant tenant = read(account);
    List<ErrorsPage.Trouble> troubles = new ArrayList<>();
    for (JobView job : tenant.fleet().jobs()) {
      JobKey key = job.key();
      if (job.status() == JobStatus.FAILED) {
        JobRun run = job.state().lastRun();
        troubles.add(trouble(account, "failed", run.endedAt(), key.customer(), key.device() + " / " + key.job(), Links.job(key),
            (run.message() == null || run.message().isEmpty() ? "the newest run failed" : run.message())
                + " (" + job.state().consecutiveFailures() + " failed in a row)"));
      } else if (job.status() == JobStatus.MISSED) {
        troubles.add(trouble(account, "missed", job.state().lastRun() != null ? job.state().lastRun().endedAt() : job.state().firstSeen(),
            key.customer(), key.device() + " / " + key.job(), Links.job(key),
            job.missedRuns() + " expected run(s) missed since the newest run"));
      } else if (job.status() == JobStatus.OVERDUE) {
        troubles.add(trouble(account, "overdue", job.state().lastRun() != null ? job.state().lastRun().endedAt() : job.state().firstSeen(),
            key.customer(), key.device() + " / " + key.job(), Links.job(key),
            "no success for " + Format.age(job.sinceSuccess()) + " (grace " + Format.age(job.grace()) + ")"));
      }
    }
    for (DeviceView device : tenant.fleet().devices()) {
      DeviceKey key = device.key();
      if (device.heartbeating() && !device.up()) {
        troubles.add(trouble(account, "unavailable", device.state().lastHeartbeat(), key.customer(), key.device(), Links.device(key),
            "no heartbeat for " + Format.age(device.sinceHeartbeat()) + " (every " + Format.age(device.interval()) + ")"));
      }
      device.state().errors().forEach((error, state) -> {
        if (state.active()) {
          troubles.add(trouble(account, "error", state.at(), key.customer(), key.device() + ": " + error.label(), Links.device(key),
              state.message()));
        }
      });
    }
    for (ConnectorView.VolumeRow chain : tenant.connectors().volumes()) {
      String status = chainStatus(chain);
      if (!status.equals("ok")) {
        troubles.add(trouble(account, status, chain.chain().verificationFailed() && chain.chain().verificationFailedTime() != null
                ? chain.chain().verificationFailedTime() : chain.chain().newestImageTime(), chain.folder().customer(),
            chain.folder().folder() + " " + chain.chain().volume(), link(chain), chainProblem(chain)));
      }
    }
    for (ConnectorView.ConnectorRow connector : tenant.connectors().connectors()) {
      if (connector.status() != null && !connector.status().up()) {
        troubles.add(trouble(account, "down", connector.status().lastAttempt(), null, "connector " + connector.connector(),
            Links.connectors(account), "the newest poll failed; last success " + Format.age(connector.sinceSuccess()) + " ago"));
      }
    }
    for (ConnectorView.FolderRow folder : tenant.connectors().folders()) {
      if (!folder.managed()) {
        Instant scanned = tenant.connectors().connectors().stream().filter(c -> c.connector().equals(folder.connector())
            && c.inventory() != null).map(c -> c.inventory().scannedAt()).findFirst().orElse(null);
        troubles.add(trouble(account, "unmanaged", scanned, folder.customer(), "folder " + folder.folder(), Links.connectors(account),
            "matches the folder template on connector " + folder.connector() + " but is not managed"));
      }
    }
    troubles.sort(Comparator.comparing(ErrorsPage.Trouble::at, Comparator.nullsLast(Comparator.reverseOrder())));
    return new ErrorsPage(List.copyOf(troubles));
  }

  /** Empty when the tenant has no such customer. */
  public Optional<CustomerPage> customer(String account, String customer) throws StoreException {
    Tenant tenant = read(account);
    List<CustomerPage.JobRow> jobs = tenant.fleet().jobs().stream().filter(j -> j.key().customer().equals(customer))
        .sorted(Comparator.comparing((JobView j) -> j.key().device()).thenComparing(j -> j.key().job()))
        .map(j -> new CustomerPage.JobRow(j.key().job(), j.key().device(), Links.job(j.key()), j.status().label(),
            j.state().lastRun() == null ? null : j.state().lastRun().endedAt(), j.sinceSuccess(), j.grace(),
            j.state().consecutiveFailures(), j.state().lastRun() == null ? "" : j.state().lastRun().message()))
        .toList();
    List<CustomerPage.DeviceRow> devices = tenant.fleet().devices().stream().filter(d -> d.key().customer().equals(customer))
        .map(d -> new CustomerPage.DeviceRow(d.key().device(), Links.device(d.key()), deviceStatus(d), d.state().lastHeartbeat(),
            d.interval(), activeErrors(d).stream().map(DevicePage.ActiveError::error).toList()))
        .toList();
    List<CustomerPage.ChainRow> chains = tenant.connectors().volumes().stream().filter(v -> v.folder().customer().equals(customer))
        .map(v -> new CustomerPage.ChainRow(v.folder().connector(), v.folder().folder(), v.chain().volume(), link(v), chainStatus(v),
            v.chain().newestImageTime(), v.sinceNewestImage(), v.grace(), v.chain().usageBytes(), v.retentionBytes(), v.chain().depth()))
        .toList();
    List<String> unmanaged = tenant.connectors().folders().stream().filter(f -> !f.managed() && f.customer().equals(customer))
        .map(f -> f.connector() + ": " + f.folder()).toList();
    Long quota = tenant.connectors().quotas().stream().filter(q -> q.customer().equals(customer)).map(ConnectorView.QuotaRow::bytes)
        .findFirst().orElse(null);
    if (jobs.isEmpty() && devices.isEmpty() && chains.isEmpty() && unmanaged.isEmpty() && quota == null) {
      return Optional.empty();
    }
    LocalDate tonight = nights.tonight(account);
    NightGrid grid = NightGrid.perJob(nights.nights(HistoryScope.customer(account, customer), tonight.minusDays(HISTORY_DAYS - 1), tonight),
        j -> j.job().device() + " / " + j.job().job(), j -> Links.job(j.job()));
    YearMonth month = YearMonth.from(tonight);
    List<CustomerPage.ReportLink> reports = List.of(month, month.minusMonths(1)).stream()
        .map(m -> new CustomerPage.ReportLink(m.toString(), Links.monthlyReport(account, customer, m, "html"),
            Links.monthlyReport(account, customer, m, "pdf")))
        .toList();
    return Optional.of(new CustomerPage(customer, jobs, grid, devices, chains, unmanaged, quota,
        chains.stream().mapToLong(CustomerPage.ChainRow::usageBytes).sum(),
        chains.stream().mapToLong(CustomerPage.ChainRow::retentionBytes).sum(), reports));
  }

  /** Empty when the tenant has no such job. */
  public Optional<JobPage> job(JobKey key) throws StoreException {
    Optional<JobView> job = read(key.tenant()).fleet().jobs().stream().filter(j -> j.key().equals(key)).findFirst();
    if (job.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<JobRun> history = new ArrayList<>(runs.read(HistoryScope.job(key), now.minus(Duration.ofDays(HISTORY_DAYS)),
        now.plus(Duration.ofDays(1))));
    history.sort(Comparator.comparing(JobRun::endedAt).reversed());
    LocalDate tonight = nights.tonight(key.tenant());
    NightGrid grid = NightGrid.perJob(nights.nights(HistoryScope.job(key), tonight.minusDays(HISTORY_DAYS - 1), tonight),
        j -> j.job().job(), j -> Links.job(j.job()));
    return Optional.of(new JobPage(job.get(), Links.customer(key.tenant(), key.customer()),
        Links.device(new DeviceKey(key.tenant(), key.customer(), key.device())), HISTORY_DAYS, List.copyOf(history), grid));
  }

  /** Empty when the tenant has no such device (a device that only runs backup jobs has none of its own). */
  public Optional<DevicePage> device(DeviceKey key) throws StoreException {
    Optional<DeviceView> device = read(key.tenant()).fleet().devices().stream().filter(d -> d.key().equals(key)).findFirst();
    if (device.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<ErrorEvent> history = new ArrayList<>(events.read(HistoryScope.device(key), now.minus(Duration.ofDays(HISTORY_DAYS)),
        now.plus(Duration.ofDays(1))));
    history.sort(Comparator.comparing(ErrorEvent::at).reversed());
    DeviceView view = device.get();
    Instant upUntil = view.heartbeating() ? StatusRules.upUntil(view.state().lastHeartbeat(), view.interval()) : null;
    return Optional.of(new DevicePage(view, deviceStatus(view), Links.customer(key.tenant(), key.customer()), upUntil,
        activeErrors(view), HISTORY_DAYS, List.copyOf(history)));
  }

  public ConnectorsPage connectors(String account) {
    ConnectorView view = read(account).connectors();
    List<ConnectorsPage.ConnectorLine> lines = view.connectors().stream().map(c -> new ConnectorsPage.ConnectorLine(c.connector(),
        c.status() == null ? "unknown" : c.status().up() ? "up" : "down", c.status() == null ? null : c.status().lastAttempt(),
        c.status() == null ? null : c.status().lastSuccess(), c.sinceSuccess(), c.status() == null ? null : c.status().lastDuration(),
        c.inventory() == null ? null : c.inventory().connector().version(), c.inventory() == null ? null : c.inventory().scannedAt()))
        .toList();
    List<ConnectorsPage.FolderLine> unmanaged = view.folders().stream().filter(f -> !f.managed())
        .map(f -> new ConnectorsPage.FolderLine(f.connector(), f.customer(), Links.customer(account, f.customer()), f.folder()))
        .toList();
    List<ConnectorsPage.UnparseableLine> unparseable = view.unparseable().stream()
        .map(u -> new ConnectorsPage.UnparseableLine(u.connector(), u.folder().isEmpty() ? "(repository root)" : u.folder(), u.count()))
        .toList();
    return new ConnectorsPage(lines, unmanaged, unparseable);
  }

  /** The chains of one volume, fetched from its connector now; {@code error} when it could not give them. */
  public ChainPage chain(String account, String connector, String folder, String volume) {
    ChainGraphs.Graph graph = graphs.fetch(account, connector, folder, volume);
    String customer = read(account).connectors().folders().stream()
        .filter(f -> f.connector().equals(connector) && f.folder().equals(folder)).map(ConnectorView.FolderRow::customer)
        .findFirst().orElse(null);
    String customerLink = customer == null ? null : Links.customer(account, customer);
    if (graph.status() != 200) {
      return new ChainPage(connector, folder, volume, customer, customerLink, graph.message(), List.of());
    }
    return new ChainPage(connector, folder, volume, customer, customerLink, null, ChainDrawing.of(graph.document()));
  }

  private record Tenant(FleetView fleet, ConnectorView connectors) {}

  private Tenant read(String account) {
    VigilConfig cfg = config.current();
    Instant now = clock.instant();
    return new Tenant(FleetView.of(fleet, cfg, account, now), ConnectorView.of(connectors, cfg, account, now));
  }

  private static ErrorsPage.Trouble trouble(String account, String status, Instant at, String customer, String what, String link,
      String detail) {
    return new ErrorsPage.Trouble(status, at, customer, customer == null ? null : Links.customer(account, customer), what, link, detail);
  }

  private static void count(Map<String, Map<String, Long>> byCustomer, Map<String, Long> totals, String customer, String status) {
    byCustomer.computeIfAbsent(customer, c -> new LinkedHashMap<>()).merge(status, 1L, Long::sum);
    totals.merge(status, 1L, Long::sum);
  }

  private static List<OverviewPage.Count> counts(Map<String, Long> counts) {
    return SEVERITY.stream().filter(counts::containsKey).map(s -> new OverviewPage.Count(s, counts.get(s))).toList();
  }

  private static String worst(Map<String, Long> counts) {
    return SEVERITY.stream().filter(s -> counts.getOrDefault(s, 0L) > 0).findFirst().orElse("ok");
  }

  private static String deviceStatus(DeviceView device) {
    if (device.heartbeating() && !device.up()) {
      return "unavailable";
    }
    return device.state().errors().values().stream().anyMatch(ErrorState::active) ? "error" : device.heartbeating() ? "ok" : "warning";
  }

  private static List<DevicePage.ActiveError> activeErrors(DeviceView device) {
    List<DevicePage.ActiveError> active = new ArrayList<>();
    for (Map.Entry<DeviceError, ErrorState> error : device.state().errors().entrySet()) {
      if (error.getValue().active()) {
        active.add(new DevicePage.ActiveError(error.getKey().label(), error.getValue().at(), error.getValue().message()));
      }
    }
    return active;
  }

  /** What the connector said of the chain: broken, unverified (no .md5, or a failed verification) or ok. */
  private static String chainStatus(ConnectorView.VolumeRow chain) {
    if (chain.chain().broken()) {
      return "broken";
    }
    return chain.chain().unverifiedImages() > 0 || chain.chain().verificationFailed() ? "unverified" : "ok";
  }

  private static String chainProblem(ConnectorView.VolumeRow chain) {
    if (chain.chain().broken()) {
      return "an image needed to restore the newest point is missing";
    }
    return chain.chain().verificationFailed() ? "verification failed (bad.log)"
        : chain.chain().unverifiedImages() + " image(s) without their .md5 checksum";
  }

  private static String link(ConnectorView.VolumeRow chain) {
    return Links.chain(chain.folder().tenant(), chain.folder().connector(), chain.folder().folder(), chain.chain().volume());
  }
}
