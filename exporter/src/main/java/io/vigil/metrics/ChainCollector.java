package io.vigil.metrics;

import static io.vigil.metrics.Gauges.seconds;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.LiveConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.FolderMapping;
import io.vigil.poll.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders the configured connectors at scrape time from {@link ConnectorStates} (memory only): poll
 * health, repository space, folders and the current chain of every volume of managed folders, and
 * customer quotas. A connector that is down keeps its last good data, with its age. With a tenant it
 * renders only that tenant's connectors.
 */
public final class ChainCollector implements MultiCollector {
  private final ConnectorStates states;
  private final LiveConfig config;
  private final Clock clock;
  private final String onlyTenant;

  public ChainCollector(ConnectorStates states, LiveConfig config, Clock clock, String onlyTenant) {
    this.states = states;
    this.config = config;
    this.clock = clock;
    this.onlyTenant = onlyTenant;
  }

  @Override
  public MetricSnapshots collect() {
    VigilConfig cfg = config.current();
    Instant now = clock.instant();
    Families f = new Families();
    List<TenantConfig> tenants = onlyTenant == null ? cfg.tenants() : cfg.tenant(onlyTenant).map(List::of).orElse(List.of());
    for (TenantConfig tenant : tenants) {
      Map<String, Long> derivedQuota = new TreeMap<>();
      for (ConnectorConfig connector : tenant.connectors()) {
        ConnectorKey key = new ConnectorKey(tenant.account(), connector.name());
        Labels labels = Labels.of("tenant", key.tenant(), "connector", key.connector());
        Optional<ConnectorStates.Status> status = states.status(key);
        f.up.add(labels, status.map(ConnectorStates.Status::up).orElse(false) ? 1 : 0);
        status.ifPresent(s -> {
          f.lastPoll.add(labels, seconds(s.lastAttempt()));
          f.duration.add(labels, s.lastDuration().toNanos() / 1e9);
          if (s.lastSuccess() != null) {
            f.lastSuccess.add(labels, seconds(s.lastSuccess()));
            f.sinceSuccess.add(labels, seconds(Duration.between(s.lastSuccess(), now)));
          }
        });
        states.lastGood(key).ifPresent(good -> {
          Inventory inventory = good.inventory();
          f.info.dataPoint(InfoDataPointSnapshot.builder().labels(labels.add("version", inventory.connector().version())).build());
          f.free.add(labels, inventory.repository().freeBytes());
          f.size.add(labels, inventory.repository().sizeBytes());
          Map<String, Boolean> customers = new LinkedHashMap<>();
          for (Inventory.Folder folder : inventory.folders()) {
            FolderMapping.Placement place = FolderMapping.place(cfg, key.tenant(), key.connector(), folder);
            customers.put(place.customer(), true);
            Labels folderLabels = Labels.of("tenant", key.tenant(), "connector", key.connector(), "customer", place.customer(),
                "folder", folder.path());
            f.unmanaged.add(folderLabels, folder.managed() ? 0 : 1);
            if (folder.managed()) {
              f.addVolumes(folderLabels, folder.volumes(), place.grace(), now);
            }
          }
          customers.keySet().forEach(c -> derivedQuota.merge(c, inventory.repository().freeBytes(), Long::sum));
        });
      }
      Map<String, Long> quota = new TreeMap<>(derivedQuota);
      tenant.customers().forEach(c -> quota.put(c.customer(), c.quotaBytes()));
      quota.forEach((customer, bytes) -> f.quota.add(Labels.of("tenant", tenant.account(), "customer", customer), bytes));
    }
    return f.snapshots();
  }

  private static final class Families {
    final Gauges up = new Gauges("vigil_connector_up", "1 when the newest poll of the connector succeeded (200 or 304), else 0.", null);
    final Gauges lastPoll = new Gauges("vigil_connector_last_poll_timestamp_seconds", "Start of the newest poll attempt.", Unit.SECONDS);
    final Gauges lastSuccess = new Gauges("vigil_connector_last_success_timestamp_seconds",
        "Start of the newest successful poll; the exported chain data is from then or earlier.", Unit.SECONDS);
    final Gauges sinceSuccess = new Gauges("vigil_connector_since_last_success_seconds",
        "Seconds since the newest successful poll: the age of the exported chain data.", Unit.SECONDS);
    final Gauges duration = new Gauges("vigil_connector_poll_duration_seconds", "Length of the newest poll attempt.", Unit.SECONDS);
    final InfoSnapshot.Builder info = InfoSnapshot.builder().name("vigil_connector").help("Connectors, with the version they report.");
    final Gauges free = new Gauges("vigil_repository_free_bytes", "Usable bytes on the file store of the connector's repository.", Unit.BYTES);
    final Gauges size = new Gauges("vigil_repository_size_bytes", "Total bytes of the file store of the connector's repository.", Unit.BYTES);
    final Gauges unmanaged = new Gauges("vigil_folder_unmanaged",
        "1 for a folder that matches the repository template but is not managed, 0 for a managed one.", null);
    final Gauges depth = new Gauges("vigil_chain_depth", "Images on the restore path from base to newest image of the current chain.", null);
    final Gauges images = new Gauges("vigil_chain_images", "Image files of the current chain, by kind.", null);
    final Gauges newest = new Gauges("vigil_chain_newest_image_timestamp_seconds", "Time of the newest image of the volume.", Unit.SECONDS);
    final Gauges sinceNewest = new Gauges("vigil_chain_since_newest_image_seconds", "Seconds since the newest image of the volume.",
        Unit.SECONDS);
    final Gauges usage = new Gauges("vigil_chain_usage_bytes", "Bytes of the images needed to reach the newest image.", Unit.BYTES);
    final Gauges retention = new Gauges("vigil_chain_retention_bytes",
        "Bytes of the volume's images not needed to reach the newest image (older chains included).", Unit.BYTES);
    final Gauges broken = new Gauges("vigil_chain_broken", "1 when an image needed to reach the newest image is missing.", null);
    final Gauges grace = new Gauges("vigil_chain_grace_seconds",
        "Grace (monitoring priority): the newest image is overdue once older than this.", Unit.SECONDS);
    final Gauges unexpected = new Gauges("vigil_chain_retention_unexpected",
        "1 when a chain of the volume breaks the connector's retention policy.", null);
    final Gauges quota = new Gauges("vigil_customer_quota_bytes",
        "The customer's quota: configured quota_bytes, else the free bytes of the repositories holding its folders.", Unit.BYTES);

    /** One series set per volume: the current chain, with the retention of the volume's older chains added. */
    void addVolumes(Labels folder, List<Inventory.Volume> chains, Duration chainGrace, Instant now) {
      Map<String, Long> retained = new TreeMap<>();
      Map<String, Boolean> odd = new TreeMap<>();
      for (Inventory.Volume chain : chains) {
        retained.merge(chain.volume(), chain.retentionBytes(), Long::sum);
        odd.merge(chain.volume(), chain.retentionUnexpected(), Boolean::logicalOr);
      }
      for (Inventory.Volume chain : chains) {
        if (!chain.current()) {
          continue;
        }
        Labels labels = folder.add("volume", chain.volume());
        depth.add(labels, chain.depth());
        Inventory.Images n = chain.images();
        images.add(labels.add("kind", "base"), n.base());
        images.add(labels.add("kind", "incremental"), n.incremental());
        images.add(labels.add("kind", "daily"), n.daily());
        images.add(labels.add("kind", "weekly"), n.weekly());
        images.add(labels.add("kind", "monthly"), n.monthly());
        newest.add(labels, seconds(chain.newestImageTime()));
        sinceNewest.add(labels, seconds(Duration.between(chain.newestImageTime(), now)));
        usage.add(labels, chain.usageBytes());
        retention.add(labels, retained.get(chain.volume()));
        broken.add(labels, chain.broken() ? 1 : 0);
        grace.add(labels, seconds(chainGrace));
        unexpected.add(labels, odd.get(chain.volume()) ? 1 : 0);
      }
    }

    MetricSnapshots snapshots() {
      List<MetricSnapshot> out = new ArrayList<>();
      for (Gauges g : List.of(up, lastPoll, lastSuccess, sinceSuccess, duration)) {
        if (!g.isEmpty()) {
          out.add(g.build());
        }
      }
      if (!free.isEmpty()) {
        out.add(info.build());
      }
      for (Gauges g : List.of(free, size, unmanaged, depth, images, newest, sinceNewest, usage, retention, broken, grace, unexpected, quota)) {
        if (!g.isEmpty()) {
          out.add(g.build());
        }
      }
      return new MetricSnapshots(out);
    }
  }
}
