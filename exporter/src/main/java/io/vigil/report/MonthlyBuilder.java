package io.vigil.report;

import io.vigil.config.TenantReports;
import io.vigil.config.VigilConfig;
import io.vigil.history.JobNights;
import io.vigil.history.Night;
import io.vigil.history.NightResult;
import io.vigil.history.NightlyHistory;
import io.vigil.history.Nights;
import io.vigil.metrics.ConnectorView;
import io.vigil.model.DeviceError;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.Outage;
import io.vigil.model.StatusRules;
import io.vigil.poll.ConnectorStates;
import io.vigil.state.Fleet;
import io.vigil.store.HistoryScope;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import io.vigil.view.DeviceView;
import io.vigil.view.FleetView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link MonthlyReport} from the nightly history (the grid and the success rate), the run history of the month
 * (messages and sizes, cut into nights as the history cuts them), the fleet's read model and the stored outages (site
 * servers and their availability in the calendar month) and the connectors' (chains).
 */
public final class MonthlyBuilder {
  private final NightlyHistory history;
  private final Store store;
  private final Fleet fleet;
  private final ConnectorStates connectors;

  public MonthlyBuilder(NightlyHistory history, Store store, Fleet fleet, ConnectorStates connectors) {
    this.history = history;
    this.store = store;
    this.fleet = fleet;
    this.connectors = connectors;
  }

  /** See {@link NightlyHistory#reportMonth}. */
  public YearMonth defaultMonth(String tenant) {
    return history.reportMonth(tenant);
  }

  public MonthlyReport build(VigilConfig cfg, String tenant, String customer, YearMonth month, Instant now) throws StoreException {
    ZoneId zone = cfg.timeZoneFor(tenant);
    LocalTime dayStart = cfg.historyFor(tenant).dayStartTime();
    HistoryScope scope = HistoryScope.customer(tenant, customer);
    NightlyHistory.NightsWithRuns read = history.nightsWithRuns(scope, month.atDay(1), month.atEndOfMonth());
    Nights nights = read.nights();
    List<JobRun> runs = read.runs();
    Instant from = NightlyHistory.nightStart(month.atDay(1), zone, dayStart);
    Instant to = NightlyHistory.nightStart(month.plusMonths(1).atDay(1), zone, dayStart);

    List<MonthlyReport.JobRow> rows = new ArrayList<>();
    long failedNights = 0;
    long warningNights = 0;
    long missedNights = 0;
    for (JobNights job : nights.jobs()) {
      List<NightResult> results = job.nights().stream().map(Night::result).toList();
      failedNights += results.stream().filter(r -> r == NightResult.FAILED).count();
      warningNights += results.stream().filter(r -> r == NightResult.WARNING).count();
      missedNights += results.stream().filter(r -> r == NightResult.MISSED).count();
      rows.add(new MonthlyReport.JobRow(job.job().device(), job.job().job(), results, job.rate().rate()));
    }
    List<LocalDate> days = month.atDay(1).datesUntil(month.plusMonths(1).atDay(1)).toList();

    Map<JobKey, Long> newestGood = new HashMap<>();
    Map<LocalDate, Long> bytesByNight = new TreeMap<>();
    days.forEach(day -> bytesByNight.put(day, 0L));
    List<MonthlyReport.RunNote> notes = new ArrayList<>();
    long failedRuns = 0;
    for (JobRun run : runs) {
      if (run.result() == JobResult.FAILED) {
        failedRuns++;
      } else {
        newestGood.put(run.key(), run.bytes());
        bytesByNight.merge(NightlyHistory.nightOf(run.endedAt(), zone, dayStart), run.bytes(), Long::sum);
      }
      if (run.result() != JobResult.SUCCESS) {
        notes.add(new MonthlyReport.RunNote(run.endedAt(), run.key().device(), run.key().job(), run.result(), run.message()));
      }
    }
    notes.sort(Comparator.comparing(MonthlyReport.RunNote::endedAt).reversed());
    int moreNotes = Math.max(0, notes.size() - MonthlyReport.MAX_NOTES);
    List<MonthlyReport.NightBytes> sizes = new ArrayList<>();
    bytesByNight.forEach((day, bytes) -> sizes.add(new MonthlyReport.NightBytes(day, bytes)));

    List<MonthlyReport.DeviceRow> devices = new ArrayList<>();
    Double availability = devices(cfg, scope, from, to, HeartbeatAvailability.monthStart(month, zone),
        HeartbeatAvailability.monthStart(month.plusMonths(1), zone), now, devices);
    var rate = nights.rate();
    MonthlyReport.Summary summary = new MonthlyReport.Summary(rate.rate(), rate.successfulDays(), rate.expectedDays(), rows.size(),
        failedNights, warningNights, missedNights, failedRuns, newestGood.values().stream().mapToLong(Long::longValue).sum(),
        availability);
    return new MonthlyReport(brand(cfg, tenant), tenant, customer, month, zone.getId(), now, summary, days, rows,
        List.copyOf(notes.subList(0, notes.size() - moreNotes)), moreNotes, sizes, devices, chains(cfg, tenant, customer, now));
  }

  /**
   * Adds the customer's site servers to {@code rows}: errors raised in the nights [from, to), heartbeat availability in the
   * calendar month [monthStart, monthEnd). Returns the customer's availability (null when no server was known in the month).
   */
  private Double devices(VigilConfig cfg, HistoryScope scope, Instant from, Instant to, Instant monthStart, Instant monthEnd,
      Instant now, List<MonthlyReport.DeviceRow> rows) throws StoreException {
    Map<String, Integer> raised = new HashMap<>();
    for (ErrorEvent event : store.events(scope, from, to)) {
      if (event.raised()) {
        raised.merge(event.key().device(), 1, Integer::sum);
      }
    }
    Map<String, List<Outage>> outages = new HashMap<>();
    for (Outage outage : store.outages(scope, monthStart, monthEnd)) {
      outages.computeIfAbsent(outage.key().device(), d -> new ArrayList<>()).add(outage);
    }
    Duration known = Duration.ZERO;
    Duration down = Duration.ZERO;
    for (DeviceView device : FleetView.ofCustomer(fleet, cfg, scope.tenant(), scope.customer(), now).devices()) {
      List<String> active = device.state().errors().entrySet().stream().filter(e -> e.getValue().active())
          .map(e -> e.getKey()).map(DeviceError::label).toList();
      HeartbeatAvailability availability = HeartbeatAvailability.of(device,
          outages.getOrDefault(device.key().device(), List.of()), monthStart, monthEnd, now);
      known = known.plus(availability.known());
      down = down.plus(availability.down());
      List<MonthlyReport.Downtime> newest = new ArrayList<>(availability.outages());
      Collections.reverse(newest);
      int more = Math.max(0, newest.size() - MonthlyReport.MAX_OUTAGES);
      rows.add(new MonthlyReport.DeviceRow(device.key().device(), device.heartbeating() ? device.up() : null,
          device.state().lastHeartbeat(), raised.getOrDefault(device.key().device(), 0), active, availability.ratio(),
          List.copyOf(newest.subList(0, newest.size() - more)), more));
    }
    return HeartbeatAvailability.ratio(known, down);
  }

  private MonthlyReport.Chains chains(VigilConfig cfg, String tenant, String customer, Instant now) {
    ConnectorView view = ConnectorView.ofCustomer(connectors, cfg, tenant, customer, now);
    int chains = 0;
    int broken = 0;
    int unverified = 0;
    int overdue = 0;
    long usage = 0;
    long retention = 0;
    for (ConnectorView.VolumeRow volume : view.volumes()) {
      if (volume.folder().customer().equals(customer)) {
        chains++;
        broken += Boolean.TRUE.equals(volume.chain().broken()) ? 1 : 0;
        unverified += volume.chain().unverifiedImages() > 0 || volume.chain().verificationFailed() ? 1 : 0;
        overdue += StatusRules.chainOverdue(volume.sinceNewestImage(), volume.grace()) ? 1 : 0;
        usage += volume.chain().usageBytes();
        retention += volume.retentionBytes();
      }
    }
    Long quota = view.quotas().stream().filter(q -> q.customer().equals(customer)).map(ConnectorView.QuotaRow::bytes).findFirst()
        .orElse(null);
    return new MonthlyReport.Chains(chains, broken, unverified, overdue, usage, retention, quota);
  }

  /** The tenant's branding, the logo read now (the configuration check has bounded its size). */
  static MonthlyReport.Brand brand(VigilConfig cfg, String tenant) {
    TenantReports.Branding branding = cfg.reportsFor(tenant).branding();
    if (branding == null) {
      branding = TenantReports.Branding.standard();
    }
    String name = branding.name() != null ? branding.name() : cfg.tenant(tenant).map(t -> t.name()).orElse(tenant);
    return new MonthlyReport.Brand(name, Logo.read(branding.logoFile()).map(Logo::dataUri).orElse(null), branding.primaryColour(),
        branding.accentColour(), branding.contact());
  }
}
