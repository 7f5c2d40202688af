package io.vigil.report;

import io.vigil.config.VigilConfig;
import io.vigil.metrics.ConnectorView;
import io.vigil.model.DeviceError;
import io.vigil.model.ErrorState;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.StatusRules;
import io.vigil.poll.ConnectorStates;
import io.vigil.state.Fleet;
import io.vigil.store.HistoryScope;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import io.vigil.view.DeviceView;
import io.vigil.view.FleetView;
import io.vigil.view.JobView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a tenant's {@link DailyDigest} from the read models every output reads: {@link FleetView} for jobs and devices
 * (their status is derived there), {@link ConnectorView} for connectors, folders and chains, and the run history of the
 * night for the failures that have recovered since.
 */
public final class DigestBuilder {
  /** The night a digest looks back on: the day before it. */
  static final Duration NIGHT = Duration.ofDays(1);

  private final Fleet fleet;
  private final ConnectorStates connectors;
  private final Store store;

  public DigestBuilder(Fleet fleet, ConnectorStates connectors, Store store) {
    this.fleet = fleet;
    this.connectors = connectors;
    this.store = store;
  }

  /** The digest as of {@code now}, dated {@code day} (the day it is due; today for one asked for over HTTP). */
  public DailyDigest build(VigilConfig cfg, String tenant, Instant now, LocalDate day) throws StoreException {
    Links links = new Links(cfg.reports().linkBase(), tenant);
    Map<String, List<Issue>> byCustomer = new TreeMap<>();
    FleetView view = FleetView.of(fleet, cfg, tenant, now);
    Set<JobKey> listed = new HashSet<>();
    for (JobView job : view.jobs()) {
      IssueKind kind = IssueKind.of(job.status());
      if (kind != null) {
        JobKey key = job.key();
        JobRun last = job.state().lastRun();
        Instant since = kind == IssueKind.OVERDUE ? job.state().lastSuccess() : last == null ? null : last.endedAt();
        add(byCustomer, key.customer(), new Issue(kind, key.device() + " / " + key.job(),
            kind == IssueKind.OVERDUE ? "no success for " + Durations.describe(job.sinceSuccess()) + " (grace "
                + Durations.describe(job.grace()) + ")" : last == null ? null : last.message(),
            since, links.runs(key.customer(), key.device(), key.job())));
        listed.add(key);
      }
    }
    Instant nightFrom = now.minus(NIGHT);
    Map<JobKey, List<JobRun>> failedInNight = new LinkedHashMap<>();
    for (JobRun run : store.runs(HistoryScope.tenant(tenant), nightFrom, now)) {
      if (run.result() == JobResult.FAILED && !listed.contains(run.key())) {
        failedInNight.computeIfAbsent(run.key(), k -> new ArrayList<>()).add(run);
      }
    }
    failedInNight.forEach((key, runs) -> add(byCustomer, key.customer(), new Issue(IssueKind.FAILED_LAST_NIGHT,
        key.device() + " / " + key.job(), runs.size() + " failed run(s): " + runs.get(runs.size() - 1).message(),
        runs.get(0).endedAt(), links.runs(key.customer(), key.device(), key.job()))));
    for (DeviceView device : view.devices()) {
      String customer = device.key().customer();
      if (device.heartbeating() && !device.up()) {
        add(byCustomer, customer, new Issue(IssueKind.DEVICE_UNAVAILABLE, device.key().device(),
            "no heartbeat for " + Durations.describe(device.sinceHeartbeat()) + " (interval " + Durations.describe(device.interval()) + ")",
            device.state().lastHeartbeat(), links.metrics("vigil_device_up")));
      }
      for (Map.Entry<DeviceError, ErrorState> error : device.state().errors().entrySet()) {
        if (error.getValue().active()) {
          add(byCustomer, customer, new Issue(IssueKind.DEVICE_ERROR, device.key().device() + ": " + error.getKey().label(),
              error.getValue().message(), error.getValue().at(), links.metrics("vigil_device_error_active")));
        }
      }
    }
    addConnectorIssues(ConnectorView.of(connectors, cfg, tenant, now), links, byCustomer);
    List<DailyDigest.CustomerIssues> customers = new ArrayList<>();
    byCustomer.forEach((customer, issues) -> {
      issues.sort(Comparator.comparing(Issue::kind).thenComparing(Issue::subject));
      customers.add(new DailyDigest.CustomerIssues(customer, issues));
    });
    return new DailyDigest(tenant, view.tenants().get(0).name(), day, cfg.timeZoneFor(tenant).getId(), nightFrom, now, customers);
  }

  private static void addConnectorIssues(ConnectorView view, Links links, Map<String, List<Issue>> byCustomer) {
    for (ConnectorView.ConnectorRow connector : view.connectors()) {
      if (connector.status() != null && !connector.status().up()) {
        add(byCustomer, DailyDigest.CONNECTORS, new Issue(IssueKind.CONNECTOR_DOWN, connector.connector(),
            connector.sinceSuccess() == null ? "never answered" : "last answered " + Durations.describe(connector.sinceSuccess()) + " ago",
            connector.status().lastSuccess(), links.metrics("vigil_connector_up")));
      }
    }
    for (ConnectorView.FolderRow folder : view.folders()) {
      if (!folder.managed()) {
        add(byCustomer, folder.customer(), new Issue(IssueKind.UNMANAGED_FOLDER, folder.folder(),
            "on connector " + folder.connector() + ", not managed by ImageManager", null, links.metrics("vigil_folder_unmanaged")));
      }
    }
    for (ConnectorView.VolumeRow volume : view.volumes()) {
      ConnectorView.FolderRow folder = volume.folder();
      String subject = folder.folder() + " " + volume.chain().volume();
      String link = links.chain(folder.connector(), folder.folder(), volume.chain().volume());
      if (Boolean.TRUE.equals(volume.chain().broken())) {
        add(byCustomer, folder.customer(), new Issue(IssueKind.CHAIN_BROKEN, subject,
            "an image needed to restore the newest point is missing", volume.chain().newestImageTime(), link));
      }
      if (volume.chain().unverifiedImages() > 0 || volume.chain().verificationFailed()) {
        add(byCustomer, folder.customer(), new Issue(IssueKind.CHAIN_UNVERIFIED, subject,
            volume.chain().verificationFailed() ? "verification failed (bad.log)"
                : volume.chain().unverifiedImages() + " image(s) without .md5",
            volume.chain().verificationFailedTime(), link));
      }
      if (StatusRules.chainOverdue(volume.sinceNewestImage(), volume.grace())) {
        add(byCustomer, folder.customer(), new Issue(IssueKind.CHAIN_OVERDUE, subject,
            "newest image " + Durations.describe(volume.sinceNewestImage()) + " old (grace " + Durations.describe(volume.grace()) + ")",
            volume.chain().newestImageTime(), link));
      }
    }
  }

  private static void add(Map<String, List<Issue>> byCustomer, String customer, Issue issue) {
    byCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(issue);
  }
}
