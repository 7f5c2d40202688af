package io.vigil.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.LiveConfig;
import io.vigil.poll.ConnectorStates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The connectors as client_java snapshots, rendered at scrape time from {@link ConnectorStates} (memory
 * only): poll health, repository space, folders and the current chain of every volume of managed folders,
 * and customer quotas. With a tenant it renders only that tenant's connectors. Scrapes in the text formats
 * are written by {@link ChainExposition} instead, which must render the same bytes; this collector serves
 * the protobuf format and filtered or debug scrapes.
 */
public final class ChainCollector implements MultiCollector {
  private static final List<String> FAMILY_NAMES = Arrays.stream(ChainFamily.values()).map(f -> f.name).toList();

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

  /** The families it may render, so that a {@code ?name[]=} scrape of other families skips walking the chains. */
  @Override
  public List<String> getPrometheusNames() {
    return FAMILY_NAMES;
  }

  @Override
  public MetricSnapshots collect() {
    ChainView view = ChainView.of(states, config.current(), onlyTenant);
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (ChainSeries<?> series : ChainSeries.of(view, clock.instant())) {
      MetricSnapshot snapshot = snapshot(series);
      if (snapshot != null) {
        snapshots.add(snapshot);
      }
    }
    return new MetricSnapshots(snapshots);
  }

  /** The family's snapshot, or null without data points (client_java writes no metadata for those either). */
  private static <R extends ChainView.Row> MetricSnapshot snapshot(ChainSeries<R> series) {
    ChainFamily family = series.family();
    boolean info = family.type == FamilyType.INFO;
    InfoSnapshot.Builder infos = info ? InfoSnapshot.builder().name(family.name).help(family.help) : null;
    Gauges gauges = info ? null : new Gauges(family.name, family.help, family.unit);
    boolean empty = true;
    for (R row : series.rows()) {
      if (!series.present().test(row)) {
        continue;
      }
      empty = false;
      Labels labels = Labels.of(row.labels());
      List<String> extraValues = series.extraValues().apply(row);
      for (int k = 0; k < extraValues.size(); k++) {
        Labels point = series.extra() == null ? labels : labels.add(series.extra(), extraValues.get(k));
        if (info) {
          infos.dataPoint(InfoDataPointSnapshot.builder().labels(point).build());
        } else {
          gauges.add(point, series.value().of(row, k));
        }
      }
    }
    return empty ? null : info ? infos.build() : gauges.build();
  }
}
