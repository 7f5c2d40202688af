package io.vigil.metrics;

import static io.vigil.metrics.Gauges.seconds;

import io.vigil.metrics.ChainView.ConnectorRow;
import io.vigil.metrics.ChainView.FolderRow;
import io.vigil.metrics.ChainView.QuotaRow;
import io.vigil.metrics.ChainView.Row;
import io.vigil.metrics.ChainView.UnparseableRow;
import io.vigil.metrics.ChainView.VolumeRow;
import io.vigil.model.StatusRules;
import io.vigil.poll.Inventory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The data points of one connector family: one per row of {@code rows} that is {@code present}, times each
 * value of the {@code extra} label when there is one (the image kind, the connector's version). The
 * definitions of all families' values live here, for both renderings of a {@link ChainView}.
 */
record ChainSeries<R extends Row>(ChainFamily family, List<R> rows, Predicate<R> present, String extra,
    Function<R, List<String>> extraValues, Value<R> value) {
  /** Image kinds in label order, and the count of each kind's images. */
  private static final List<String> KINDS = List.of("base", "daily", "differential", "incremental", "monthly", "rolling", "weekly");
  private static final List<Function<Inventory.Images, Integer>> KIND_COUNTS = List.of(Inventory.Images::base, Inventory.Images::daily,
      Inventory.Images::differential, Inventory.Images::incremental, Inventory.Images::monthly, Inventory.Images::rolling,
      Inventory.Images::weekly);

  @FunctionalInterface
  interface Value<R> {
    /** The value of the row's data point with the {@code extra}-th extra label value. */
    double of(R row, int extra);
  }

  /** Every family of the view, in client_java's family order (by name). */
  static List<ChainSeries<?>> of(ChainView view, Instant now) {
    List<ConnectorRow> connectors = view.connectors();
    Predicate<ConnectorRow> polled = c -> c.status() != null;
    Predicate<ConnectorRow> succeeded = c -> c.status() != null && c.status().lastSuccess() != null;
    Predicate<ConnectorRow> inventoried = c -> c.inventory() != null;
    List<VolumeRow> volumes = view.volumes();
    return Stream.of(
        gauge(ChainFamily.UP, connectors, c -> true, c -> c.status() != null && c.status().up() ? 1 : 0),
        gauge(ChainFamily.LAST_POLL, connectors, polled, c -> seconds(c.status().lastAttempt())),
        gauge(ChainFamily.LAST_SUCCESS, connectors, succeeded, c -> seconds(c.status().lastSuccess())),
        gauge(ChainFamily.SINCE_SUCCESS, connectors, succeeded, c -> seconds(StatusRules.age(c.status().lastSuccess(), now))),
        gauge(ChainFamily.POLL_DURATION, connectors, polled, c -> c.status().lastDuration().toNanos() / 1e9),
        new ChainSeries<>(ChainFamily.CONNECTOR, connectors, inventoried, "version", c -> List.of(c.inventory().connector().version()),
            (c, k) -> 1),
        gauge(ChainFamily.FREE, connectors, inventoried, c -> c.inventory().repository().freeBytes()),
        gauge(ChainFamily.SIZE, connectors, inventoried, c -> c.inventory().repository().sizeBytes()),
        gauge(ChainFamily.UNPARSEABLE, view.unparseable(), u -> true, UnparseableRow::count),
        gauge(ChainFamily.UNMANAGED, view.folders(), f -> true, (FolderRow f) -> f.managed() ? 0 : 1),
        gauge(ChainFamily.DEPTH, volumes, v -> true, v -> v.chain().depth()),
        new ChainSeries<>(ChainFamily.IMAGES, volumes, v -> true, "kind", v -> KINDS,
            (v, k) -> KIND_COUNTS.get(k).apply(v.chain().images())),
        gauge(ChainFamily.NEWEST, volumes, v -> true, v -> seconds(v.chain().newestImageTime())),
        gauge(ChainFamily.NEWEST_FILE, volumes, v -> v.chain().newestFileTime() != null, v -> seconds(v.chain().newestFileTime())),
        gauge(ChainFamily.SINCE_NEWEST, volumes, v -> true, v -> seconds(StatusRules.age(v.chain().newestImageTime(), now))),
        gauge(ChainFamily.USAGE, volumes, v -> true, v -> v.chain().usageBytes()),
        gauge(ChainFamily.RETENTION, volumes, v -> true, VolumeRow::retentionBytes),
        gauge(ChainFamily.BROKEN, volumes, v -> true, v -> v.chain().broken() ? 1 : 0),
        gauge(ChainFamily.UNVERIFIED, volumes, v -> true, v -> v.chain().unverifiedImages()),
        gauge(ChainFamily.VERIFICATION_FAILED, volumes, v -> true, v -> v.chain().verificationFailed() ? 1 : 0),
        gauge(ChainFamily.VERIFICATION_FAILED_TIME, volumes, v -> v.chain().verificationFailedTime() != null,
            v -> seconds(v.chain().verificationFailedTime())),
        gauge(ChainFamily.GRACE, volumes, v -> true, v -> seconds(v.grace())),
        gauge(ChainFamily.RETENTION_UNEXPECTED, volumes, v -> true, v -> v.retentionUnexpected() ? 1 : 0),
        gauge(ChainFamily.QUOTA, view.quotas(), q -> true, QuotaRow::bytes))
        .<ChainSeries<?>>map(s -> s).sorted(Comparator.comparing(s -> s.family().name)).toList();
  }

  private static <R extends Row> ChainSeries<R> gauge(ChainFamily family, List<R> rows, Predicate<R> present, Function<R, Number> value) {
    return new ChainSeries<>(family, rows, present, null, r -> List.of(""), (r, k) -> value.apply(r).doubleValue());
  }
}
