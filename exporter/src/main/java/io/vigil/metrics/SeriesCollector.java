package io.vigil.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Renders families (see {@link Series}) as client_java snapshots, from the read model {@code read} gives for
 * the clock's time, each row's labels built once per scrape. Serves the protobuf format and filtered or debug
 * scrapes; the text formats are written by {@link SeriesExposition}, which must render the same bytes.
 */
class SeriesCollector<V> implements MultiCollector {
  private final List<Series<V, ?>> families;
  private final List<String> names;
  private final Clock clock;
  private final Function<Instant, V> read;

  SeriesCollector(List<Series<V, ?>> families, Clock clock, Function<Instant, V> read) {
    this.families = families;
    this.names = families.stream().map(Series::name).toList();
    this.clock = clock;
    this.read = read;
  }

  /**
   * The families it may render. A {@code ?name[]=} scrape that asks for none of them (JVM families, say) then
   * skips this collector instead of reading and rendering everything to throw it away.
   */
  @Override
  public List<String> getPrometheusNames() {
    return names;
  }

  @Override
  public MetricSnapshots collect() {
    V view = read.apply(clock.instant());
    RowCache<Labels[]> labels = new RowCache<>();
    List<MetricSnapshot> rendered = new ArrayList<>(families.size());
    for (Series<V, ?> family : families) {
      MetricSnapshot snapshot = snapshot(family, view, labels);
      if (snapshot != null) {
        rendered.add(snapshot);
      }
    }
    return new MetricSnapshots(rendered);
  }

  /** The family's snapshot, or null without data points (client_java writes no metadata for those either). */
  private static <V, R> MetricSnapshot snapshot(Series<V, R> family, V view, RowCache<Labels[]> labels) {
    List<R> rows = family.rows().apply(view);
    Labels[] rowLabels = labels.of(rows, family.labels(), 0, () -> {
      Labels[] built = new Labels[rows.size()];
      for (int i = 0; i < built.length; i++) {
        built[i] = Labels.of(family.labels().apply(rows.get(i)));
      }
      return built;
    });
    Points points = new Points(family);
    for (int i = 0; i < rows.size(); i++) {
      R row = rows.get(i);
      if (!family.present().test(row)) {
        continue;
      }
      List<String> extraValues = family.extraValues().apply(row);
      for (int k = 0; k < extraValues.size(); k++) {
        Labels point = family.extra() == null ? rowLabels[i] : rowLabels[i].add(family.extra(), extraValues.get(k));
        points.add(point, family.value().of(row, k));
      }
    }
    return points.build();
  }

  /** The data points of one family, of its type. */
  private static final class Points {
    private final FamilyType type;
    private final InfoSnapshot.Builder infos;
    private final CounterSnapshot.Builder counters;
    private final Gauges gauges;
    private boolean empty = true;

    Points(Series<?, ?> family) {
      type = family.type();
      infos = type == FamilyType.INFO ? InfoSnapshot.builder().name(family.name()).help(family.help()) : null;
      counters = type == FamilyType.COUNTER ? CounterSnapshot.builder().name(family.name()).help(family.help()) : null;
      gauges = type == FamilyType.GAUGE ? new Gauges(family.name(), family.help(), family.unit()) : null;
    }

    void add(Labels labels, double value) {
      empty = false;
      switch (type) {
        case INFO -> infos.dataPoint(InfoDataPointSnapshot.builder().labels(labels).build());
        case COUNTER -> counters.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
        case GAUGE -> gauges.add(labels, value);
      }
    }

    MetricSnapshot build() {
      if (empty) {
        return null;
      }
      return switch (type) {
        case INFO -> infos.build();
        case COUNTER -> counters.build();
        case GAUGE -> gauges.build();
      };
    }
  }
}
