package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One exported family, defined once for both renderings ({@link SeriesCollector} for client_java, {@link SeriesWriter}
 * straight to text): name, type, help and unit; the rows of a read model {@code V} it reads; each row's labels;
 * which rows have data points; and per row one data point per value of the {@code extra} label (the image
 * kind, the job status...), or one without it.
 *
 * <p>{@code rows} must be in the order of their labels' values (label names sorted), as client_java orders data
 * points; {@code labels} gives a row's name/value pairs, names sorted; {@code extraValues} are sorted. Both
 * renderers encode a row's labels once per scrape per ({@code rows} list, {@code labels} function), so families
 * of one row type share one function.
 */
record Series<V, R>(String name, FamilyType type, String help, Unit unit, Function<V, List<R>> rows, Function<? super R, String[]> labels,
    Predicate<R> present, String extra, Function<R, List<String>> extraValues, Value<R> value) {
  private static final List<String> NO_EXTRA = List.of("");

  @FunctionalInterface
  interface Value<R> {
    /** The value of the row's data point with the {@code extra}-th extra label value. */
    double of(R row, int extra);
  }

  static <V, R> Series<V, R> gauge(String name, String help, Unit unit, Function<V, List<R>> rows, Function<? super R, String[]> labels,
      Predicate<R> present, ToDoubleFunction<R> value) {
    return new Series<>(name, FamilyType.GAUGE, help, unit, rows, labels, present, null, r -> NO_EXTRA,
        (r, k) -> value.applyAsDouble(r));
  }

  /** A counter without an extra label. */
  static <V, R> Series<V, R> counter(String name, String help, Function<V, List<R>> rows, Function<? super R, String[]> labels,
      Predicate<R> present, ToDoubleFunction<R> value) {
    return new Series<>(name, FamilyType.COUNTER, help, null, rows, labels, present, null, r -> NO_EXTRA,
        (r, k) -> value.applyAsDouble(r));
  }

  /** An info family: one data point per present row, with the extra label's value(s). */
  static <V, R> Series<V, R> info(String name, String help, Function<V, List<R>> rows, Function<? super R, String[]> labels,
      Predicate<R> present, String extra, Function<R, List<String>> extraValues) {
    return new Series<>(name, FamilyType.INFO, help, null, rows, labels, present, extra, extraValues, (r, k) -> 1);
  }

  /** The families in client_java's order (by name). */
  static <V> List<Series<V, ?>> byName(List<Series<V, ?>> families) {
    return families.stream().sorted(Comparator.comparing(Series::name)).toList();
  }
}
