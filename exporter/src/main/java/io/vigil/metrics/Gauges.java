package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

/** Collects the data points of one gauge family during a scrape. */
final class Gauges {
  private final GaugeSnapshot.Builder builder;
  private boolean empty = true;

  Gauges(String name, String help, Unit unit) {
    builder = GaugeSnapshot.builder().name(name).help(help);
    if (unit != null) {
      builder.unit(unit);
    }
  }

  void add(Labels labels, double value) {
    builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    empty = false;
  }

  boolean isEmpty() {
    return empty;
  }

  GaugeSnapshot build() {
    return builder.build();
  }
}
