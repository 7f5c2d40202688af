package io.vigil.metrics;

import io.vigil.config.ConnectorConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.StatusRules;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.FolderMapping;
import io.vigil.poll.Inventory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one scrape renders of the connectors, read once from {@link ConnectorStates} (memory only): the
 * configured connectors (all tenants' or one tenant's) with their poll status and last good inventory, the
 * folders and current chains of those inventories, and the customers' configured quotas. Each list is sorted in label
 * order, the order client_java writes data points in. A connector that is down keeps its last good data.
 * Ages are as of the moment the view was read. The reports read it too.
 */
public record ConnectorView(List<ConnectorRow> connectors, List<UnparseableRow> unparseable, List<FolderRow> folders,
    List<VolumeRow> volumes, List<QuotaRow> quotas) {
  /** Places with unparseable files exported per connector; the rest are summed into {@link #OTHER_PLACES}. */
  static final int MAX_UNPARSEABLE_PLACES = 500;
  static final String OTHER_PLACES = "(other)";

  /** A row's labels as name/value pairs, names sorted. */
  public sealed interface Row permits ConnectorRow, UnparseableRow, FolderRow, VolumeRow, QuotaRow {
    String[] labels();
  }

  /**
   * A configured connector; {@code status} is null before its first poll, {@code inventory} before its first good one,
   * {@code sinceSuccess} before its first successful one.
   */
  public record ConnectorRow(String tenant, String connector, ConnectorStates.Status status, Inventory inventory, Duration sinceSuccess)
      implements Row {
    @Override
    public String[] labels() {
      return new String[] {"connector", connector, "tenant", tenant};
    }
  }

  /** How many unparseable files a connector found at one place ({@code CUSTOMER/FOLDER}, {@code CUSTOMER}, "" for the root). */
  public record UnparseableRow(String tenant, String connector, String folder, long count) implements Row {
    @Override
    public String[] labels() {
      return new String[] {"connector", connector, "folder", folder, "tenant", tenant};
    }
  }

  /** A folder of a connector's last good inventory, with the customer it is placed under. */
  public record FolderRow(String tenant, String connector, String customer, String folder, boolean managed) implements Row {
    @Override
    public String[] labels() {
      return new String[] {"connector", connector, "customer", customer, "folder", folder, "tenant", tenant};
    }
  }

  /** The current chain of a volume of a managed folder, with the retention of the volume's older chains added. */
  public record VolumeRow(FolderRow folder, Inventory.Volume chain, long retentionBytes, boolean retentionUnexpected, Duration grace,
      Duration sinceNewestImage) implements Row {
    @Override
    public String[] labels() {
      return new String[] {"connector", folder.connector(), "customer", folder.customer(), "folder", folder.folder(),
          "tenant", folder.tenant(), "volume", chain.volume()};
    }
  }

  /**
   * A customer's configured quota. A customer without one has no quota row: the free space of the repositories holding its
   * folders is {@code vigil_repository_free_bytes}, a different quantity that a quota percentage must not be computed from.
   */
  public record QuotaRow(String tenant, String customer, long bytes) implements Row {
    @Override
    public String[] labels() {
      return new String[] {"customer", customer, "tenant", tenant};
    }
  }

  public static ConnectorView of(ConnectorStates states, VigilConfig cfg, String onlyTenant, Instant now) {
    return of(states, cfg, onlyTenant, null, now);
  }

  /**
   * One tenant's view with the chains of one customer's folders only (its other rows whole: which folders are within the
   * tenant's chain limit depends on all of them): a customer's report reads its own chains, not its tenant's.
   */
  public static ConnectorView ofCustomer(ConnectorStates states, VigilConfig cfg, String tenant, String customer, Instant now) {
    return of(states, cfg, tenant, customer, now);
  }

  private static ConnectorView of(ConnectorStates states, VigilConfig cfg, String onlyTenant, String chainsOfCustomer, Instant now) {
    List<ConnectorRow> connectors = new ArrayList<>();
    List<Placed> folders = new ArrayList<>();
    List<QuotaRow> quotas = new ArrayList<>();
    List<UnparseableRow> unparseable = new ArrayList<>();
    List<TenantConfig> tenants = onlyTenant == null ? cfg.tenants() : cfg.tenant(onlyTenant).map(List::of).orElse(List.of());
    for (TenantConfig tenant : tenants) {
      List<Placed> ofTenant = new ArrayList<>();
      for (ConnectorConfig connector : tenant.connectors()) {
        ConnectorKey key = new ConnectorKey(tenant.account(), connector.name());
        Inventory inventory = states.lastGood(key).map(ConnectorStates.LastGood::inventory).orElse(null);
        ConnectorStates.Status status = states.status(key).orElse(null);
        Duration sinceSuccess = status == null || status.lastSuccess() == null ? null : StatusRules.age(status.lastSuccess(), now);
        connectors.add(new ConnectorRow(key.tenant(), key.connector(), status, inventory, sinceSuccess));
        if (inventory == null) {
          continue;
        }
        unparseable.addAll(unparseable(key, inventory.unparseableCounts()));
        for (Inventory.Folder folder : inventory.folders()) {
          FolderMapping.Placement place = FolderMapping.place(cfg, key.tenant(), key.connector(), folder);
          ofTenant.add(new Placed(new FolderRow(key.tenant(), key.connector(), place.customer(), folder.path(), folder.managed()),
              folder.volumes(), place.grace(), true));
        }
      }
      folders.addAll(withinChainLimit(ofTenant, cfg.entityLimitsFor(tenant.account()).maxChains()));
      tenant.customers().forEach(c -> quotas.add(new QuotaRow(tenant.account(), c.customer(), c.quotaBytes())));
    }
    connectors.sort(Comparator.comparing(ConnectorRow::connector).thenComparing(ConnectorRow::tenant));
    folders.sort(Comparator.comparing((Placed p) -> p.row().connector()).thenComparing(p -> p.row().customer())
        .thenComparing(p -> p.row().folder()).thenComparing(p -> p.row().tenant()));
    unparseable.sort(Comparator.comparing(UnparseableRow::connector).thenComparing(UnparseableRow::folder)
        .thenComparing(UnparseableRow::tenant));
    quotas.sort(Comparator.comparing(QuotaRow::customer).thenComparing(QuotaRow::tenant));
    List<VolumeRow> volumes = new ArrayList<>();
    for (Placed folder : folders) {
      if (folder.row().managed() && folder.chainsExported()
          && (chainsOfCustomer == null || chainsOfCustomer.equals(folder.row().customer()))) {
        volumes.addAll(currentChains(folder, now));
      }
    }
    return new ConnectorView(connectors, unparseable, folders.stream().map(Placed::row).toList(), volumes, quotas);
  }

  /**
   * The places with the most unparseable files (ties by name); beyond {@link #MAX_UNPARSEABLE_PLACES} the rest are summed into
   * {@link #OTHER_PLACES} (added to a real place of that name, so no series is written twice).
   */
  private static List<UnparseableRow> unparseable(ConnectorKey key, List<Inventory.UnparseableCount> counts) {
    List<Inventory.UnparseableCount> largest = counts.stream()
        .sorted(Comparator.comparing(Inventory.UnparseableCount::count).reversed().thenComparing(Inventory.UnparseableCount::folder))
        .toList();
    Map<String, Long> places = new TreeMap<>();
    for (int i = 0; i < largest.size(); i++) {
      String place = i < MAX_UNPARSEABLE_PLACES ? largest.get(i).folder() : OTHER_PLACES;
      places.merge(place, largest.get(i).count(), (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    }
    List<UnparseableRow> rows = new ArrayList<>();
    places.forEach((place, count) -> rows.add(new UnparseableRow(key.tenant(), key.connector(), place, count)));
    return rows;
  }

  private record Placed(FolderRow row, List<Inventory.Volume> chains, Duration grace, boolean chainsExported) {}

  /**
   * The chains a tenant's connectors found: the current chain of each volume in a managed folder, one
   * {@code vigil_chain_*} series set each. What {@code limits.max_chains_per_tenant} counts.
   */
  static int chainsFound(ConnectorStates states, TenantConfig tenant) {
    int chains = 0;
    for (ConnectorConfig connector : tenant.connectors()) {
      Inventory inventory = states.lastGood(new ConnectorKey(tenant.account(), connector.name()))
          .map(ConnectorStates.LastGood::inventory).orElse(null);
      if (inventory != null) {
        for (Inventory.Folder folder : inventory.folders()) {
          chains += folder.managed() ? currentChains(folder.volumes()) : 0;
        }
      }
    }
    return chains;
  }

  private static int currentChains(List<Inventory.Volume> chains) {
    int current = 0;
    for (Inventory.Volume chain : chains) {
      current += chain.current() ? 1 : 0;
    }
    return current;
  }

  /**
   * A tenant's folders, with the chains of those beyond its chain limit left out: whole folders, in order of
   * connector and folder path, so the same folders are exported at every scrape. Folder rows stay.
   */
  private static List<Placed> withinChainLimit(List<Placed> folders, int limit) {
    List<Placed> result = new ArrayList<>(folders.size());
    int exported = 0;
    boolean full = false;
    for (Placed folder : folders.stream().sorted(Comparator.comparing((Placed p) -> p.row().connector())
        .thenComparing(p -> p.row().folder())).toList()) {
      int chains = folder.row().managed() ? currentChains(folder.chains()) : 0;
      full = full || exported + chains > limit;
      if (full && chains > 0) {
        result.add(new Placed(folder.row(), folder.chains(), folder.grace(), false));
      } else {
        exported += chains;
        result.add(folder);
      }
    }
    return result;
  }

  /** The folder's current chains, by volume; so after the folders' sort the volumes are in label order too. */
  private static List<VolumeRow> currentChains(Placed folder, Instant now) {
    Map<String, Long> retained = new TreeMap<>();
    Map<String, Boolean> odd = new TreeMap<>();
    for (Inventory.Volume chain : folder.chains()) {
      retained.merge(chain.volume(), chain.retentionBytes(), Long::sum);
      odd.merge(chain.volume(), chain.retentionUnexpected(), Boolean::logicalOr);
    }
    List<VolumeRow> rows = new ArrayList<>();
    for (Inventory.Volume chain : folder.chains()) {
      if (chain.current()) {
        rows.add(new VolumeRow(folder.row(), chain, retained.get(chain.volume()), odd.get(chain.volume()), folder.grace(),
            StatusRules.age(chain.newestImageTime(), now)));
      }
    }
    rows.sort(Comparator.comparing(v -> v.chain().volume()));
    return rows;
  }
}
