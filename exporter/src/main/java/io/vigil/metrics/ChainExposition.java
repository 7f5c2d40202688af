package io.vigil.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.LiveConfig;
import io.vigil.metrics.FleetExposition.Format;
import io.vigil.poll.ConnectorStates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the connector families of a {@link ChainView} straight to the text format 0.0.4 or OpenMetrics 1.0,
 * byte for byte what client_java writes for {@link ChainCollector}'s snapshots, with client_java's other
 * families (self, JVM) written by client_java in among them in name order, as one client_java write of all
 * of them would. Each distinct label value is encoded once per scrape and copied into every line.
 */
public final class ChainExposition {
  private static final byte[] EOF = ExpositionSink.utf8("# EOF\n");

  private final ConnectorStates states;
  private final LiveConfig config;
  private final Clock clock;
  private final String onlyTenant;

  public ChainExposition(ConnectorStates states, LiveConfig config, Clock clock, String onlyTenant) {
    this.states = states;
    this.config = config;
    this.clock = clock;
    this.onlyTenant = onlyTenant;
  }

  /**
   * The connector families and {@code others} (sorted by name, as a registry's scrape is), the latter through
   * {@code writer}, which must write {@code format}; in OpenMetrics ends with the one {@code # EOF}.
   */
  public void write(OutputStream out, Format format, MetricSnapshots others, ExpositionFormatWriter writer) throws IOException {
    ChainView view = ChainView.of(states, config.current(), onlyTenant);
    ExpositionSink sink = new ExpositionSink(out);
    Encodings encodings = new Encodings();
    List<MetricSnapshot> rest = others.stream().toList();
    int next = 0;
    for (ChainSeries<?> series : ChainSeries.of(view, clock.instant())) {
      int from = next;
      while (next < rest.size() && rest.get(next).getMetadata().getPrometheusName().compareTo(series.family().name) < 0) {
        next++;
      }
      writeOthers(sink, rest.subList(from, next), format, writer);
      write(sink, series, format, encodings);
    }
    writeOthers(sink, rest.subList(next, rest.size()), format, writer);
    if (format == Format.OPENMETRICS) {
      sink.write(EOF);
    }
    sink.flush();
  }

  /** client_java's rendering of the snapshots, without the {@code # EOF} that OpenMetrics puts after every write. */
  private static void writeOthers(ExpositionSink sink, List<MetricSnapshot> snapshots, Format format, ExpositionFormatWriter writer)
      throws IOException {
    if (snapshots.isEmpty()) {
      return;
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    writer.write(buffer, new MetricSnapshots(snapshots));
    byte[] bytes = buffer.toByteArray();
    int length = bytes.length;
    if (format == Format.OPENMETRICS) {
      if (!buffer.toString(StandardCharsets.UTF_8).endsWith("# EOF\n")) {
        throw new IllegalStateException("expected client_java's OpenMetrics text to end with # EOF");
      }
      length -= EOF.length;
    }
    sink.write(Arrays.copyOf(bytes, length));
  }

  private static <R extends ChainView.Row> void write(ExpositionSink sink, ChainSeries<R> series, Format format, Encodings encodings)
      throws IOException {
    List<R> rows = series.rows();
    if (rows.stream().noneMatch(series.present())) {
      return;
    }
    ChainFamily family = series.family();
    sink.metadata(family.name, family.type, family.help, family.unit, format);
    byte[][][] labels = encodings.of(rows);
    byte[] start = ExpositionSink.lineStart(family.name, family.type);
    if (series.extra() == null) {
      for (int i = 0; i < rows.size(); i++) {
        if (series.present().test(rows.get(i))) {
          line(sink, series, start, rows.get(i), labels[i], -1, null, 0);
        }
      }
      return;
    }
    String[] names = rows.get(0).labels();
    int split = 0; // the labels that sort before the extra one
    for (int j = 0; j < names.length; j += 2) {
      split += names[j].compareTo(series.extra()) < 0 ? 1 : 0;
    }
    for (int i = 0; i < rows.size(); ) {
      int end = i + 1;
      while (end < rows.size() && sameUpTo(labels[end - 1], labels[end], split)) {
        end++;
      }
      for (Line line : lines(series, i, end)) {
        line(sink, series, start, rows.get(line.row()), labels[line.row()], split, encodings.label(series.extra(), line.extraValue()),
            line.extra());
      }
      i = end;
    }
  }

  /** One data point: the row's labels with {@code extra} (if any) at {@code split}, and the value. */
  private static <R extends ChainView.Row> void line(ExpositionSink sink, ChainSeries<R> series, byte[] start, R row, byte[][] labels,
      int split, byte[] extra, int extraIndex) throws IOException {
    sink.write(start);
    for (int j = 0; j < labels.length; j++) {
      if (j == split) {
        sink.write(extra, j == 0 ? 1 : 0);
      }
      sink.write(labels[j], j == 0 && split != 0 ? 1 : 0); // the first label of the line has no comma
    }
    if (split == labels.length) {
      sink.write(extra, split == 0 ? 1 : 0);
    }
    sink.write((byte) '}');
    sink.write((byte) ' ');
    if (series.family().type == FamilyType.INFO) {
      sink.write((byte) '1');
    } else {
      sink.value(series.value().of(row, extraIndex));
    }
    sink.write((byte) '\n');
  }

  /** Whether two rows' first {@code count} labels are the same (encodings are shared, so the same array). */
  private static boolean sameUpTo(byte[][] a, byte[][] b, int count) {
    for (int j = 0; j < count; j++) {
      if (a[j] != b[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The lines of rows [from, to), which differ only in labels that sort after the extra label, in client_java's
   * order: by extra label value, then by row.
   */
  private static <R extends ChainView.Row> List<Line> lines(ChainSeries<R> series, int from, int to) {
    List<Line> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      R row = series.rows().get(i);
      if (series.present().test(row)) {
        List<String> values = series.extraValues().apply(row);
        for (int k = 0; k < values.size(); k++) {
          lines.add(new Line(i, k, values.get(k)));
        }
      }
    }
    lines.sort(Comparator.comparing(Line::extraValue)); // stable: the rows are in label order
    return lines;
  }

  private record Line(int row, int extra, String extraValue) {}

  /** Every label {@code ,name="value"} encoded once per scrape, and each row list's labels as those arrays. */
  private static final class Encodings {
    private final Map<String, Map<String, byte[]>> labels = new HashMap<>();
    private final Map<List<?>, byte[][][]> rows = new IdentityHashMap<>();

    byte[] label(String name, String value) {
      return labels.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(value, v -> ExpositionSink.label(name, v));
    }

    byte[][][] of(List<? extends ChainView.Row> list) {
      return rows.computeIfAbsent(list, l -> {
        byte[][][] encoded = new byte[list.size()][][];
        for (int i = 0; i < encoded.length; i++) {
          String[] pairs = list.get(i).labels();
          encoded[i] = new byte[pairs.length / 2][];
          for (int j = 0; j < pairs.length; j += 2) {
            encoded[i][j / 2] = label(pairs[j], pairs[j + 1]);
          }
        }
        return encoded;
      });
    }
  }
}
