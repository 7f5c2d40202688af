package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;

/** Collects the data points of one gauge family during a scrape. */
final class Gauges {
  private final GaugeSnapshot.Builder builder;

  Gauges(String name, String help, Unit unit) {
    builder = GaugeSnapshot.builder().name(name).help(help);
    if (unit != null) {
      builder.unit(unit);
    }
  }

  void add(Labels labels, double value) {
    builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
  }

  static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  GaugeSnapshot build() {
    return builder.build();
  }
}
