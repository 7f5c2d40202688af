package io.vigil.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.vigil.metrics.FleetExposition.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Writes families (see {@link Series}) straight to a text format with {@link SeriesWriter}, from the read
 * model {@code read} gives for the clock's time: what {@link SeriesCollector} renders, as the same bytes.
 */
class SeriesExposition<V> {
  private final List<Series<V, ?>> families;
  private final Clock clock;
  private final Function<Instant, V> read;

  SeriesExposition(List<Series<V, ?>> families, Clock clock, Function<Instant, V> read) {
    this.families = families;
    this.clock = clock;
    this.read = read;
  }

  /**
   * The families and {@code others} (sorted by name, as a registry's scrape is) in name order, the latter through
   * {@code writer}, which must write {@code format}; with {@code eof}, the OpenMetrics {@code # EOF} after them.
   */
  void write(OutputStream out, Format format, List<MetricSnapshot> others, ExpositionFormatWriter writer, boolean eof)
      throws IOException {
    V view = read.apply(clock.instant());
    ExpositionSink sink = new ExpositionSink(out);
    new SeriesWriter(sink, format).write(families, view, others, writer);
    if (eof && format == Format.OPENMETRICS) {
      sink.write(SeriesWriter.EOF);
    }
    sink.flush();
  }
}
