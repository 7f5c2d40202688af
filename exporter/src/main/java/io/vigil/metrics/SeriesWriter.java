package io.vigil.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.metrics.FleetExposition.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes families (see {@link Series}) of one read model straight to the text format 0.0.4 or OpenMetrics 1.0,
 * byte for byte what client_java writes for their snapshots ({@link SeriesCollector}), without a data point object per series:
 * each distinct label is escaped and encoded once per scrape, each row's labels joined once, and the lines
 * copied together from those bytes. Other families (client_java's) can be written in among them by name.
 */
final class SeriesWriter {
  static final byte[] EOF = ExpositionSink.utf8("# EOF\n");
  private static final byte[] NONE = new byte[0];

  private final ExpositionSink sink;
  private final Format format;
  private final Map<String, Map<String, byte[]>> labels = new HashMap<>();
  private final RowCache<byte[][][]> encodedRows = new RowCache<>();
  private final RowCache<Encoded> splits = new RowCache<>();

  SeriesWriter(ExpositionSink sink, Format format) {
    this.sink = sink;
    this.format = format;
  }

  /**
   * The families and {@code others} (sorted by name, as a registry's scrape is) in name order, the latter through
   * {@code writer}, which must write this format; no OpenMetrics {@code # EOF}.
   */
  <V> void write(List<Series<V, ?>> families, V view, List<MetricSnapshot> others, ExpositionFormatWriter writer) throws IOException {
    int next = 0;
    for (Series<V, ?> family : families) {
      int from = next;
      while (next < others.size() && others.get(next).getMetadata().getPrometheusName().compareTo(family.name()) < 0) {
        next++;
      }
      writeOthers(others.subList(from, next), writer);
      write(family, view);
    }
    writeOthers(others.subList(next, others.size()), writer);
  }

  /** client_java's rendering of the snapshots, without the {@code # EOF} that OpenMetrics puts after every write. */
  private void writeOthers(List<MetricSnapshot> snapshots, ExpositionFormatWriter writer) throws IOException {
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

  /**
   * A row's labels joined as {@code ,name="value"...}: those that sort before the family's extra label, and the
   * rest; {@code sameAsPrevious}: the labels before the extra one are those of the row before, so the two rows'
   * lines interleave, ordered by the extra label's value first.
   */
  private record Encoded(byte[][] before, byte[][] after, boolean[] sameAsPrevious) {}

  private <V, R> void write(Series<V, R> family, V view) throws IOException {
    List<R> list = family.rows().apply(view);
    boolean empty = true;
    Encoded encoded = null;
    byte[] start = ExpositionSink.lineStart(family.name(), family.type());
    Map<String, byte[]> extras = family.extra() == null ? null : labels.computeIfAbsent(family.extra(), n -> new HashMap<>());
    for (int i = 0; i < list.size(); ) {
      if (encoded == null) {
        encoded = encoded(list, family.labels(), family.extra());
      }
      int end = i + 1;
      while (end < list.size() && encoded.sameAsPrevious()[end]) {
        end++;
      }
      if (end - i == 1 && !family.present().test(list.get(i))) {
        i = end;
        continue;
      }
      if (empty) {
        sink.metadata(family.name(), family.type(), family.help(), family.unit(), format);
        empty = false;
      }
      if (end - i == 1) {
        List<String> values = family.extraValues().apply(list.get(i));
        for (int k = 0; k < values.size(); k++) {
          line(family, start, list.get(i), encoded, i, extras, k, values.get(k));
        }
      } else {
        for (Line line : interleaved(family, list, i, end)) {
          line(family, start, list.get(line.row()), encoded, line.row(), extras, line.extra(), line.extraValue());
        }
      }
      i = end;
    }
  }

  private <R> void line(Series<?, R> family, byte[] start, R row, Encoded encoded, int i, Map<String, byte[]> extras, int k,
      String extraValue) throws IOException {
    sink.write(start);
    byte[] before = encoded.before()[i];
    if (before.length > 0) {
      sink.write(before, 1); // the first label of the line has no comma
    }
    if (extras != null) {
      sink.write(extras.computeIfAbsent(extraValue, v -> ExpositionSink.label(family.extra(), v)), before.length == 0 ? 1 : 0);
      sink.write(encoded.after()[i]);
    }
    sink.write((byte) '}');
    sink.write((byte) ' ');
    if (family.type() == FamilyType.INFO) {
      sink.write((byte) '1');
    } else {
      sink.value(family.value().of(row, k));
    }
    sink.write((byte) '\n');
  }

  /** The lines of rows [from, to), in client_java's order: by extra label value, then by row (which are in label order). */
  private static <R> List<Line> interleaved(Series<?, R> family, List<R> rows, int from, int to) {
    List<Line> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      R row = rows.get(i);
      if (family.present().test(row)) {
        List<String> values = family.extraValues().apply(row);
        for (int k = 0; k < values.size(); k++) {
          lines.add(new Line(i, k, values.get(k)));
        }
      }
    }
    lines.sort(Comparator.comparing(Line::extraValue)); // stable
    return lines;
  }

  private record Line(int row, int extra, String extraValue) {}

  /** {@code ,name="value"}, escaped and UTF-8, once per scrape. */
  private byte[] label(String name, String value) {
    return labels.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(value, v -> ExpositionSink.label(name, v));
  }

  /** The rows' labels, split at the extra label (without one: all before it). */
  private <R> Encoded encoded(List<R> list, Function<? super R, String[]> rowLabels, String extra) {
    String[] first = rowLabels.apply(list.get(0));
    int split = 0;
    while (split < first.length && (extra == null || first[split].compareTo(extra) < 0)) {
      split += 2;
    }
    int at = split / 2;
    return splits.of(list, rowLabels, at, () -> {
      byte[][][] each = labelsOf(list, rowLabels);
      byte[][] before = new byte[list.size()][];
      byte[][] after = new byte[list.size()][];
      boolean[] same = new boolean[list.size()];
      for (int i = 0; i < before.length; i++) {
        before[i] = joined(each[i], 0, at);
        after[i] = joined(each[i], at, each[i].length);
        same[i] = i > 0 && sameUpTo(each[i - 1], each[i], at);
      }
      return new Encoded(before, after, same);
    });
  }

  /** Each row's labels, each label encoded once per scrape and shared by every row and family that has it. */
  private <R> byte[][][] labelsOf(List<R> list, Function<? super R, String[]> rowLabels) {
    return encodedRows.of(list, rowLabels, 0, () -> {
      byte[][][] each = new byte[list.size()][][];
      for (int i = 0; i < each.length; i++) {
        String[] pairs = rowLabels.apply(list.get(i));
        each[i] = new byte[pairs.length / 2][];
        for (int j = 0; j < pairs.length; j += 2) {
          each[i][j / 2] = label(pairs[j], pairs[j + 1]);
        }
      }
      return each;
    });
  }

  /** Whether two rows' first {@code count} labels are the same (encodings are shared, so the same arrays). */
  private static boolean sameUpTo(byte[][] a, byte[][] b, int count) {
    for (int j = 0; j < count; j++) {
      if (a[j] != b[j]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] joined(byte[][] labels, int from, int to) {
    if (to - from <= 1) {
      return from == to ? NONE : labels[from];
    }
    int length = 0;
    for (int j = from; j < to; j++) {
      length += labels[j].length;
    }
    byte[] joined = new byte[length];
    int at = 0;
    for (int j = from; j < to; j++) {
      System.arraycopy(labels[j], 0, joined, at, labels[j].length);
      at += labels[j].length;
    }
    return joined;
  }
}
