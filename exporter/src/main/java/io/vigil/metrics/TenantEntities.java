package io.vigil.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.EntityLimits;
import io.vigil.config.LiveConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.EntityKind;
import io.vigil.poll.ConnectorStates;
import io.vigil.state.Fleet;
import java.util.List;

/**
 * Per configured tenant (all, or only {@code onlyTenant}), how many jobs, devices and image chains it has and
 * how many it may have. Jobs and devices never exceed their limit (a push that would is refused); chains
 * found beyond it are counted here but not exported.
 */
public record TenantEntities(Fleet fleet, ConnectorStates connectors, LiveConfig config, String onlyTenant) implements MultiCollector {
  private static final String ENTITIES = "vigil_tenant_entities";
  private static final String LIMIT = "vigil_tenant_entity_limit";

  @Override
  public List<String> getPrometheusNames() {
    return List.of(ENTITIES, LIMIT);
  }

  @Override
  public MetricSnapshots collect() {
    VigilConfig cfg = config.current();
    GaugeSnapshot.Builder entities = GaugeSnapshot.builder().name(ENTITIES)
        .help("Jobs, devices and image chains (current chains of managed folders) of the tenant, by kind.");
    GaugeSnapshot.Builder limits = GaugeSnapshot.builder().name(LIMIT)
        .help("How many jobs, devices and image chains the tenant may have (limits.max_*_per_tenant or its own limits), by kind.");
    List<TenantConfig> tenants = onlyTenant == null ? cfg.tenants() : cfg.tenant(onlyTenant).map(List::of).orElse(List.of());
    for (TenantConfig tenant : tenants) {
      EntityLimits limit = cfg.entityLimitsFor(tenant.account());
      for (EntityKind kind : EntityKind.values()) {
        Labels labels = Labels.of("kind", kind.label(), "tenant", tenant.account());
        entities.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(count(tenant, kind)).build());
        limits.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(limit.of(kind)).build());
      }
    }
    return new MetricSnapshots(entities.build(), limits.build());
  }

  private int count(TenantConfig tenant, EntityKind kind) {
    return switch (kind) {
      case JOB -> fleet.jobs(tenant.account()).size();
      case DEVICE -> fleet.devices(tenant.account()).size();
      case CHAIN -> ConnectorView.chainsFound(connectors, tenant);
    };
  }
}
